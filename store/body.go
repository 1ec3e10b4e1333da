package store

import (
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"

	"sotay/record"
)

// A record's value in the records bucket (schema 4):
//
//	doc(4) seq(8) body
//
// doc is the record's number in the search index (see docNum), seq the
// outbox sequence of its latest change (0: none since schema 3), which is
// what the pending bucket held before schema 4: a save then writes one
// page fewer. The change waits for HQ while seq is past the last sequence
// HQ acknowledged (see ackedThrough), so an acknowledgement rewrites no
// record. body is the JSON as an S2 block (klauspost/compress/s2)
// against bodyDict, a fixed dictionary of the record's field names and the
// words every officer writes, so even a short record shrinks to about half.
// S2 rather than zstd: a record is compressed in a seventh of zstd's time
// and expanded in a fifth, for a body a tenth larger (0.50 of the JSON
// against 0.46), and every list page, search and report expands each
// record it shows.
//
// The first schema-4 builds wrote zstd frames against the same dictionary.
// Those start with zstd's magic number; an S2 block of a record never
// does (its first byte would say the JSON is 40 bytes long), so both read.
const bodyHead = 4 + 8

// bodyDictID named bodyDict in the zstd frames of the first schema-4
// builds. The dictionary's bytes are part of the file format: a different
// dictionary needs a migration.
const bodyDictID = 0x50740001

// bodyDict is history the compressor may refer back to: the JSON of each kind's
// envelope and fields, and the phrases of the Ministry's field work.
const bodyDict = `{"id":"019f17c1-be68-7000-92fc-6408d6a9986e","kind":"log","rev":1,"deleted":false,` +
	`"created":"2026-06-30T09:00:01Z","updated":"2026-06-30T09:00:01Z","date":"2026-06-30","commune":"Xã ` +
	`","activity":"","content":"","results":"","next_steps":"","partners":""}` +
	`{"kind":"difficulty","category":"","severity":"","title":"","description":"","proposal":"","status":"new","responses":[{"at":"","author":"","text":""}]}` +
	`{"kind":"training","topic":"","audience":"","participants":,"women":,"trainers":"","hours":,"notes":""}` +
	`Phường Đặc khu Ủy ban nhân dân Hội đồng nhân dân Đảng ủy cán bộ, công chức, viên chức cấp xã cấp tỉnh ` +
	`thủ tục hành chính chính quyền địa phương hai cấp sau sắp xếp, sáp nhập Trung tâm phục vụ hành chính công ` +
	`chế độ, chính sách tiền lương phụ cấp bảo hiểm xã hội Nghị định Thông tư Bộ Nội vụ Sở Nội vụ ` +
	`hướng dẫn nghiệp vụ kiểm tra, giám sát khảo sát thực tế làm việc với lãnh đạo trụ sở làm việc ` +
	`đào tạo, bồi dưỡng vị trí việc làm biên chế dịch vụ công trực tuyến chữ ký số hồ sơ, con dấu ` +
	`đất đai giải phóng mặt bằng kinh phí cơ sở vật chất phân cấp, phân quyền người dân doanh nghiệp ` +
	`đề nghị kiến nghị báo cáo kết quả đã thống nhất tiếp tục theo dõi còn khó khăn, vướng mắc trong việc `

// zstdMagic starts every zstd frame (little-endian 0xFD2FB528).
const zstdMagic = "\x28\xb5\x2f\xfd"

// maxBody bounds the JSON a stored body may claim to expand to, so that a
// damaged length never allocates gigabytes: HQ takes records of 256 KiB.
const maxBody = 4 << 20

// codec compresses and expands record bodies. It is safe for concurrent
// use (an import compresses in parallel).
type codec struct {
	dict *s2.Dict
	// zstd reads the bodies of the first schema-4 builds, made when first
	// needed.
	zstdOnce sync.Once
	zstd     *zstd.Decoder
	zstdErr  error
}

func newCodec() (*codec, error) {
	d := s2.MakeDict([]byte(bodyDict), []byte(`{"id":`))
	if d == nil {
		return nil, fmt.Errorf("record compressor: bad dictionary")
	}
	return &codec{dict: d}, nil
}

func (c *codec) close() {
	if c.zstd != nil {
		c.zstd.Close()
	}
}

// bodyValue is the stored value of a record with the given JSON.
func (c *codec) bodyValue(doc uint32, seq uint64, json []byte) []byte {
	v := make([]byte, bodyHead+s2.MaxEncodedLen(len(json)))
	binary.BigEndian.PutUint32(v, doc)
	binary.BigEndian.PutUint64(v[4:], seq)
	n := len(c.dict.Encode(v[bodyHead:], json))
	return v[: bodyHead+n : bodyHead+n]
}

// bodyJSON is the record's JSON from its stored value.
func (c *codec) bodyJSON(v []byte) ([]byte, error) { return c.bodyJSONInto(v, nil) }

// bodyJSONInto is bodyJSON expanding into *scratch (grown as needed) when
// scratch is not nil: the JSON is then only valid until the next call.
func (c *codec) bodyJSONInto(v []byte, scratch *[]byte) ([]byte, error) {
	if len(v) < bodyHead {
		return nil, fmt.Errorf("record value of %d bytes", len(v))
	}
	body := v[bodyHead:]
	if len(body) >= len(zstdMagic) && string(body[:len(zstdMagic)]) == zstdMagic {
		return c.unzstd(body)
	}
	n, err := s2.DecodedLen(body)
	if err != nil || n > maxBody {
		return nil, fmt.Errorf("record body: %w", s2.ErrCorrupt)
	}
	if scratch == nil {
		return c.dict.Decode(nil, body)
	}
	if cap(*scratch) < n {
		*scratch = make([]byte, 0, max(n, 2*cap(*scratch)))
	}
	return c.dict.Decode((*scratch)[:0], body)
}

// unzstd expands a body of the first schema-4 builds.
func (c *codec) unzstd(body []byte) ([]byte, error) {
	c.zstdOnce.Do(func() {
		c.zstd, c.zstdErr = zstd.NewReader(nil,
			zstd.WithDecoderConcurrency(0),
			zstd.WithDecoderMaxMemory(maxBody),
			zstd.WithDecoderDictRaw(bodyDictID, []byte(bodyDict)))
	})
	if c.zstdErr != nil {
		return nil, fmt.Errorf("record decompressor: %w", c.zstdErr)
	}
	return c.zstd.DecodeAll(body, nil)
}

// bodyDoc and bodySeq read the head of a stored value.
func bodyDoc(v []byte) uint32 { return binary.BigEndian.Uint32(v) }
func bodySeq(v []byte) uint64 { return binary.BigEndian.Uint64(v[4:]) }

// pendingSeq says the stored value v holds a change HQ has not
// acknowledged, given acked (ackedThrough).
func pendingSeq(v []byte, acked uint64) bool { return len(v) >= bodyHead && bodySeq(v) > acked }

// withSeq is v with its outbox sequence set: a fresh copy (bbolt's values
// are read-only).
func withSeq(v []byte, seq uint64) []byte {
	out := append([]byte(nil), v...)
	binary.BigEndian.PutUint64(out[4:], seq)
	return out
}

// A doc number names a record in the search postings: four bytes instead of
// its sixteen-byte id, given in order of first save, with the record's kind
// in the low two bits so a search filters kinds without reading anything.
func docNum(seq uint64, k record.Kind) uint32 { return uint32(seq)<<2 | uint32(kindCode(k)) }

func kindCode(k record.Kind) byte {
	switch k {
	case record.KindLog:
		return 0
	case record.KindDifficulty:
		return 1
	}
	return 2
}

// nextDoc gives the next doc number's sequence. It is counted in meta,
// which every save writes anyway: the docs bucket's own sequence (where the
// first schema-4 builds counted, and where the count starts from when meta
// has none) would make every save rewrite that bucket's root page, though
// a record saved on its own enters docs only when it leaves fresh.
func nextDoc(tx *bolt.Tx) (uint64, error) {
	meta := tx.Bucket(bucketMeta)
	n := getUint(meta, metaDocs)
	if n == 0 {
		n = tx.Bucket(bucketDocs).Sequence()
	}
	n++
	return n, putUint(meta, metaDocs, n)
}

// metaDocs is nextDoc's key in meta.
const metaDocs = "docs"

// docKind is the kind byte (see kindByte) of a doc number.
func docKind(doc uint32) byte { return "ldt?"[doc&3] }
