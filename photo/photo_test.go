package photo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image/jpeg"
	"testing"

	"sotay/photo/phototest"
)

func TestReducePhonePhoto(t *testing.T) {
	w, h := 4000, 3000
	if testing.Short() {
		w, h = 2000, 1500
	}
	orig := phototest.PhoneJPEG(w, h, 1)
	big, err := TooLarge(bytes.NewReader(orig))
	if err != nil || !big {
		t.Fatalf("TooLarge(%d×%d) = %v, %v", w, h, big, err)
	}
	small, err := Reduce(orig)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(small))
	if err != nil {
		t.Fatal(err)
	}
	if max(cfg.Width, cfg.Height) != LongSide || cfg.Width*cfg.Height > MaxPixels {
		t.Errorf("reduced to %d×%d", cfg.Width, cfg.Height)
	}
	t.Logf("a %d×%d phone photo of %d bytes travels as %d×%d in %d bytes: %d bytes (%.0f%%) saved",
		w, h, len(orig), cfg.Width, cfg.Height, len(small), len(orig)-len(small), 100*float64(len(orig)-len(small))/float64(len(orig)))
	if len(small) >= len(orig)/3 {
		t.Errorf("reduced copy %d bytes is not much smaller than %d", len(small), len(orig))
	}
}

func TestSmallPhotoKept(t *testing.T) {
	orig := phototest.PhoneJPEG(1600, 1200, 2)
	if big, _ := TooLarge(bytes.NewReader(orig)); big {
		t.Error("a 1600×1200 photo is not too large")
	}
	if small, err := Reduce(orig); err != nil || small != nil {
		t.Errorf("Reduce of a small photo = %d bytes, %v; want nil", len(small), err)
	}
}

// withOrientation puts an EXIF APP1 segment saying orientation o after
// the JPEG's SOI marker.
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08")
	tiff = binary.BigEndian.AppendUint16(tiff, 1)           // one entry
	tiff = append(tiff, 0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1) // orientation, SHORT, count 1
	tiff = binary.BigEndian.AppendUint16(tiff, o)           // value
	tiff = append(tiff, 0, 0, 0, 0, 0, 0)                   // padding, next IFD
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := append([]byte{0xFF, 0xD8, 0xFF, 0xE1}, byte((len(seg)+2)>>8), byte(len(seg)+2))
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// A portrait photo stored sideways (orientation 6, as phones do) comes out
// upright: taller than wide.
func TestReduceTurnsUpright(t *testing.T) {
	orig := withOrientation(phototest.PhoneJPEG(2000, 1500, 3), 6)
	if o := orientation(orig); o != 6 {
		t.Fatalf("orientation = %d", o)
	}
	small, err := Reduce(orig)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(small))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 1200 || cfg.Height != 1600 {
		t.Errorf("turned to %d×%d, want 1200×1600", cfg.Width, cfg.Height)
	}
}

func TestThumbnail(t *testing.T) {
	th, err := Thumbnail(phototest.PhoneJPEG(1200, 900, 4), 240)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(th))
	if err != nil || cfg.Width != 240 || cfg.Height != 180 {
		t.Errorf("thumbnail %d×%d, %v", cfg.Width, cfg.Height, err)
	}
	// A PNG header declaring 30000 × 30000 is refused before decoding.
	bomb := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x75\x30\x00\x00\x75\x30\x08\x02\x00\x00\x00\x00\x00\x00\x00")
	if _, err := Thumbnail(bomb, 240); err == nil {
		t.Error("a 900-megapixel PNG was decoded")
	}
	if _, err := Thumbnail([]byte("<svg/>"), 240); err == nil {
		t.Error("an SVG became a thumbnail")
	}
}

// A PNG over MaxPixels travels as a JPEG at reading size when it is
// opaque (a scanned page), and as it is when it has transparency (a JPEG
// would blacken its clear parts); a small one is left alone.
func TestReducePNG(t *testing.T) {
	w, h := 1654, 2339 // an A4 page scanned at 200 dpi: 3.9 MP
	if testing.Short() {
		w, h = 1240, 1754 // 150 dpi: 2.2 MP
	}
	for _, tc := range []struct {
		name        string
		w, h        int
		transparent bool
		reduced     bool
	}{
		{"opaque scan", w, h, false, true},
		{"with transparency", 1240, 1754, true, false},
		{"small", 1000, 1400, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			orig := phototest.ScanPNG(tc.w, tc.h, 7, tc.transparent)
			big, err := TooLarge(bytes.NewReader(orig))
			if err != nil || big != (tc.w*tc.h > MaxPixels) {
				t.Fatalf("TooLarge(%d×%d PNG) = %v, %v", tc.w, tc.h, big, err)
			}
			small, err := Reduce(orig)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.reduced {
				if small != nil {
					t.Fatalf("reduced to %d bytes, want the PNG sent as it is", len(small))
				}
				return
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(small))
			if err != nil {
				t.Fatalf("the reduced copy is not a JPEG: %v", err)
			}
			if max(cfg.Width, cfg.Height) != LongSide || len(small) >= len(orig) {
				t.Fatalf("reduced to %d×%d, %d bytes of %d", cfg.Width, cfg.Height, len(small), len(orig))
			}
			t.Logf("a %d×%d PNG scan of %d bytes travels as a %d×%d JPEG of %d bytes: %d bytes (%.0f%%) saved",
				tc.w, tc.h, len(orig), cfg.Width, cfg.Height, len(small), len(orig)-len(small), 100*float64(len(orig)-len(small))/float64(len(orig)))
		})
	}
	// A PNG header declaring 30000 × 30000 is sent as it is, never decoded.
	ihdr := []byte("IHDR\x00\x00\x75\x30\x00\x00\x75\x30\x08\x02\x00\x00\x00")
	bomb := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d"), ihdr...)
	bomb = binary.BigEndian.AppendUint32(bomb, crc32.ChecksumIEEE(ihdr))
	if big, err := TooLarge(bytes.NewReader(bomb)); err != nil || !big {
		t.Fatalf("TooLarge of a 900-megapixel PNG header = %v, %v", big, err)
	}
	if small, err := Reduce(bomb); err != nil || small != nil {
		t.Errorf("Reduce of a 900-megapixel PNG header = %d bytes, %v", len(small), err)
	}
}
