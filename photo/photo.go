// Package photo makes the copy of a large photo that travels to HQ: a
// JPEG at a size made for reading on a screen, far smaller than what a
// phone takes. The original is never changed.
package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"io"

	"golang.org/x/image/draw"
)

// Reading size: a photo over MaxPixels is sent as a copy whose long side
// is LongSide pixels (1600 × 1200 from a 4000 × 3000 phone photo), JPEG at
// Quality: text on a signed sheet and a commune office's sign stay
// readable.
const (
	MaxPixels = 2_000_000
	LongSide  = 1600
	Quality   = 82
)

// TooLarge says a JPEG's dimensions (read from its header alone) are over
// MaxPixels.
func TooLarge(r io.Reader) (bool, error) {
	cfg, err := jpeg.DecodeConfig(r)
	if err != nil {
		return false, fmt.Errorf("read photo size: %w", err)
	}
	return cfg.Width*cfg.Height > MaxPixels, nil
}

// Reduce decodes a JPEG and encodes it again with its long side at
// LongSide, turned upright as its EXIF orientation says (the copy carries
// no EXIF, so a viewer could not turn it). A photo already small enough
// comes back as nil.
func Reduce(data []byte) ([]byte, error) {
	src, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read photo: %w", err)
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w*h <= MaxPixels {
		return nil, nil
	}
	if w >= h {
		w, h = LongSide, max(1, h*LongSide/w)
	} else {
		w, h = max(1, w*LongSide/h), LongSide
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.BiLinear.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	out := orient(dst, orientation(data))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, out, &jpeg.Options{Quality: Quality}); err != nil {
		return nil, fmt.Errorf("write reduced photo: %w", err)
	}
	return buf.Bytes(), nil
}
