package store

import (
	"encoding/binary"
	"fmt"

	"github.com/klauspost/compress/zstd"

	"sotay/record"
)

// A record's value in the records bucket (schema 4):
//
//	doc(4) seq(8) zstd(JSON)
//
// doc is the record's number in the search index (see docNum), seq the
// outbox sequence of its latest change HQ has not acknowledged (0: none),
// which is what the pending bucket held before schema 4: a save then writes
// one page fewer. The JSON is compressed with bodyDict, a fixed raw
// dictionary of the record's field names and the words every officer
// writes, so even a short record shrinks.
const bodyHead = 4 + 8

// bodyDictID names bodyDict in every frame. The dictionary's bytes are part
// of the file format: a different dictionary needs a new id and a migration.
const bodyDictID = 0x50740001

// bodyDict is history zstd may refer back to: the JSON of each kind's
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

// codec compresses and expands record bodies. Both halves are safe for
// concurrent use (an import compresses in parallel).
type codec struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

func newCodec() (*codec, error) {
	enc, err := zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedFastest), // with the dictionary, nearly the ratio of the default at half the cost
		zstd.WithEncoderCRC(false),               // bbolt pages are checked already
		// Literals stay raw: a record is read far more often than it is
		// written, and without a Huffman table to read per record it
		// expands several times faster, for 0.46 of the JSON instead of 0.43.
		zstd.WithNoEntropyCompression(true),
		zstd.WithEncoderDictRaw(bodyDictID, []byte(bodyDict)),
		zstd.WithLowerEncoderMem(true))
	if err != nil {
		return nil, fmt.Errorf("record compressor: %w", err)
	}
	dec, err := zstd.NewReader(nil,
		zstd.WithDecoderConcurrency(0),
		zstd.WithDecoderDictRaw(bodyDictID, []byte(bodyDict)))
	if err != nil {
		return nil, fmt.Errorf("record decompressor: %w", err)
	}
	return &codec{enc: enc, dec: dec}, nil
}

func (c *codec) close() { c.dec.Close() }

// bodyValue is the stored value of a record with the given JSON.
func (c *codec) bodyValue(doc uint32, seq uint64, json []byte) []byte {
	v := make([]byte, bodyHead, bodyHead+len(json)/2+16)
	binary.BigEndian.PutUint32(v, doc)
	binary.BigEndian.PutUint64(v[4:], seq)
	return c.enc.EncodeAll(json, v)
}

// bodyJSON is the record's JSON from its stored value.
func (c *codec) bodyJSON(v []byte) ([]byte, error) {
	if len(v) < bodyHead {
		return nil, fmt.Errorf("record value of %d bytes", len(v))
	}
	return c.dec.DecodeAll(v[bodyHead:], nil)
}

// bodyDoc and bodySeq read the head of a stored value.
func bodyDoc(v []byte) uint32 { return binary.BigEndian.Uint32(v) }
func bodySeq(v []byte) uint64 { return binary.BigEndian.Uint64(v[4:]) }

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

// docKind is the kind byte (see kindByte) of a doc number.
func docKind(doc uint32) byte { return "ldt?"[doc&3] }
