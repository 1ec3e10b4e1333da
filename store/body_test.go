package store

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"sotay/record"
	"sotay/record/recordtest"
)

// A body reads back as the JSON it was made of, whether S2 wrote it or the
// zstd of the first schema-4 builds, short or past S2's 64 KiB dictionary
// window; a damaged one is an error, never a panic or a huge allocation.
func TestBodyCodec(t *testing.T) {
	c, err := newCodec()
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	// The first schema-4 builds' encoder, as they made it.
	old, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderCRC(false),
		zstd.WithNoEntropyCompression(true), zstd.WithEncoderDictRaw(bodyDictID, []byte(bodyDict)))
	if err != nil {
		t.Fatal(err)
	}
	zstdValue := func(js []byte) []byte {
		head := binary.BigEndian.AppendUint32(nil, 7)
		head = binary.BigEndian.AppendUint64(head, 9)
		return old.EncodeAll(js, head)
	}
	marshal := func(r record.Record) []byte {
		b, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	short := marshal(recordtest.Sample(record.KindLog, "2026-06-30"))
	long := recordtest.Sample(record.KindDifficulty, "2026-06-30")
	long.Description = strings.Repeat("Thiếu công chức địa chính ở xã sau sắp xếp; ", 4000) // ~190 KB
	longJSON := marshal(long)
	tests := []struct {
		name  string
		value []byte
		want  []byte // nil: an error
	}{
		{"short", c.bodyValue(7, 9, short), short},
		{"long", c.bodyValue(7, 9, longJSON), longJSON},
		{"zstd, short", zstdValue(short), short},
		{"zstd, long", zstdValue(longJSON), longJSON},
		{"no body", c.bodyValue(7, 9, short)[:bodyHead], nil},
		{"claims 4 GiB", append(bytes.Clone(c.bodyValue(7, 9, short)[:bodyHead]), 0xff, 0xff, 0xff, 0xff, 0x0f, 0), nil},
		{"cut short", c.bodyValue(7, 9, longJSON)[:bodyHead+100], nil},
		{"head only in part", []byte{0, 0, 0}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.bodyJSON(tt.value)
			if tt.want == nil {
				if err == nil {
					t.Fatalf("read %d bytes from a damaged body", len(got))
				}
				return
			}
			if err != nil || !bytes.Equal(got, tt.want) {
				t.Fatalf("got %d bytes (%v), want %d", len(got), err, len(tt.want))
			}
			if bodyDoc(tt.value) != 7 || bodySeq(tt.value) != 9 {
				t.Errorf("head: doc %d seq %d", bodyDoc(tt.value), bodySeq(tt.value))
			}
		})
	}
	if r := float64(len(c.bodyValue(0, 0, short))-bodyHead) / float64(len(short)); r > 0.7 {
		t.Errorf("a short record's body is %.2f of its JSON: the dictionary is not used", r)
	}
}
