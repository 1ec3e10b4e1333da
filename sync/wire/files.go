package wire

import (
	"encoding/base64"
	"errors"
	"strings"
)

// Files (protocol 3): an attached file goes to HQ by the core of the tus
// 1.0 resumable-upload protocol, under the versioned path:
//
//	POST  /v2/files        create: Upload-Length, Upload-Metadata (FileMeta);
//	                       201 with Location /v2/files/ID and Upload-Offset
//	                       (the length itself when HQ already holds the file)
//	HEAD  /v2/files/ID     Upload-Offset: the bytes HQ holds
//	PATCH /v2/files/ID     Upload-Offset (must equal HQ's, else 409) and
//	                       Content-Type application/offset+octet-stream;
//	                       the bytes from there; 204 with the new offset
//
// Every request carries Tus-Resumable: 1.0.0 and the officer's bearer
// token; an upload id is the officer's own (another officer's is not
// found). HQ counts the file received only when the last byte is in and
// its SHA-256 and sniffed type match what the create declared; until then
// it is never visible. Refusals carry an ErrorBody with one of the codes
// below.
const (
	PathFiles = "/v2/files"

	TusVersion       = "1.0.0"
	HeaderTus        = "Tus-Resumable"
	HeaderLength     = "Upload-Length"
	HeaderOffset     = "Upload-Offset"
	HeaderMeta       = "Upload-Metadata"
	ContentTypeChunk = "application/offset+octet-stream"
)

// Codes of a refused file.
const (
	CodeOffsetMismatch = "offset_mismatch"  // 409: the PATCH's offset is not HQ's
	CodeHashMismatch   = "hash_mismatch"    // 460: the bytes do not have the declared SHA-256
	CodeFileType       = "file_type"        // 415: not an accepted type, or not the declared one
	CodeFileTooLarge   = "file_too_large"   // 413: over the per-file limit
	CodeQuota          = "quota"            // 413: over the officer's quota at HQ
	CodeNotListed      = "not_listed"       // 409: no record of the officer at HQ lists the file
	CodeBadName        = "bad_name"         // 400: a name record.CheckFileName refuses
	CodeTooManyUploads = "too_many_uploads" // 429: too many uploads open at once
)

// StatusHashMismatch is tus's checksum-mismatch status.
const StatusHashMismatch = 460

// FileMeta is what a create declares about the file.
type FileMeta struct {
	SHA256 string // hex
	Name   string
	Type   string
	Record string // the id of a record of the officer that lists the file
}

// Encode is the Upload-Metadata header: key and base64 value pairs.
func (m FileMeta) Encode() string {
	enc := base64.StdEncoding.EncodeToString
	return "sha256 " + enc([]byte(m.SHA256)) + ",name " + enc([]byte(m.Name)) +
		",type " + enc([]byte(m.Type)) + ",record " + enc([]byte(m.Record))
}

// ParseFileMeta reads an Upload-Metadata header. Unknown keys are
// ignored; a missing key or a bad value is an error.
func ParseFileMeta(h string) (FileMeta, error) {
	if len(h) > 2048 {
		return FileMeta{}, errors.New("metadata too long")
	}
	var m FileMeta
	for _, pair := range strings.Split(h, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(pair), " ")
		b, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			return FileMeta{}, errors.New("metadata value is not base64")
		}
		switch k {
		case "sha256":
			m.SHA256 = string(b)
		case "name":
			m.Name = string(b)
		case "type":
			m.Type = string(b)
		case "record":
			m.Record = string(b)
		}
	}
	if m.SHA256 == "" || m.Name == "" || m.Type == "" || m.Record == "" {
		return FileMeta{}, errors.New("metadata needs sha256, name, type and record")
	}
	return m, nil
}
