package hq

import (
	"strings"

	"sotay/vntext"
)

// Limits bound what a client may send. The zero value of a field means its
// default.
type Limits struct {
	MaxBody        int64 // compressed request body, bytes; default 4 MiB
	MaxInflated    int64 // decompressed body, bytes; default 16 MiB
	MaxRecords     int   // records per batch; default 2000
	MaxRecordBytes int   // one record's JSON, bytes; default 256 KiB
	PerMinute      int   // requests per officer per minute; default 600
	// Across all requests at once: bytes of bodies being received, and
	// bytes that inflations in progress may hold (each reserves its worst
	// case). Defaults 64 MiB and 120 MiB keep HQ within 256 MB under attack.
	MaxBodies   int64
	MaxDecoding int64
	// Attached files (upload.go): bytes of files per officer (default
	// 2 GiB), bytes of one PATCH (default the per-file limit), uploads
	// open per officer (8).
	FileQuota   int64
	MaxChunk    int64
	OpenUploads int
}

func (l *Limits) defaults() {
	if l.MaxBody <= 0 {
		l.MaxBody = 4 << 20
	}
	if l.MaxInflated <= 0 {
		l.MaxInflated = 16 << 20
	}
	if l.MaxRecords <= 0 {
		l.MaxRecords = 2000
	}
	if l.MaxRecordBytes <= 0 {
		l.MaxRecordBytes = 256 << 10
	}
	if l.PerMinute <= 0 {
		l.PerMinute = 600
	}
	if l.MaxBodies <= 0 {
		l.MaxBodies = 64 << 20
	}
	if l.MaxDecoding <= 0 {
		l.MaxDecoding = 120 << 20
	}
}

// cleanText makes admin text fit to store and to show: escape sequences
// stripped whole (not just their control bytes), valid UTF-8, NFC, no
// control characters but newline and tab, trimmed.
func cleanText(s string) string {
	return strings.TrimSpace(vntext.Clean(vntext.ForTerminal(s)))
}
