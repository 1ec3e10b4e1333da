// Package photo makes the copy of a large photo (or opaque PNG scan) that
// travels to HQ: a JPEG at a size made for reading on a screen, far
// smaller than what a phone takes. The original is never changed.
package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // Reduce and Thumbnail read PNG too
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

// TooLarge says a JPEG's or PNG's dimensions (read from its header
// alone) are over MaxPixels.
func TooLarge(r io.Reader) (bool, error) {
	cfg, _, err := image.DecodeConfig(r)
	if err != nil {
		return false, fmt.Errorf("read photo size: %w", err)
	}
	return cfg.Width*cfg.Height > MaxPixels, nil
}

// Reduce decodes a JPEG or a PNG and encodes it again as a JPEG with its
// long side at LongSide, turned upright as its EXIF orientation says (the
// copy carries no EXIF, so a viewer could not turn it). A picture already
// small enough comes back as nil, and so does a PNG with transparency (a
// JPEG has none: a logo or a stamp on a clear background would turn
// black) or one over MaxThumbSource (a small file can declare a huge
// picture; it is sent as it is rather than decoded).
func Reduce(data []byte) ([]byte, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read photo: %w", err)
	}
	if cfg.Width*cfg.Height <= MaxPixels || format == "png" && cfg.Width*cfg.Height > MaxThumbSource {
		return nil, nil
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read photo: %w", err)
	}
	if o, ok := src.(interface{ Opaque() bool }); format == "png" && (!ok || !o.Opaque()) {
		return nil, nil
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

// MaxThumbSource bounds the pixels of a picture Thumbnail decodes: a small
// file can declare a huge image (a PNG of 20000 × 20000 would take 1.6 GB
// to decode), and HQ decodes what officers send.
const MaxThumbSource = 40_000_000

// Thumbnail makes a JPEG of a JPEG or PNG picture with its long side at
// most side pixels, turned upright. A picture larger than MaxThumbSource,
// or one that does not decode, is an error.
func Thumbnail(data []byte, side int) ([]byte, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read picture: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxThumbSource {
		return nil, fmt.Errorf("picture of %d × %d is too large to show", cfg.Width, cfg.Height)
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read picture: %w", err)
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if s := max(w, h); s > side {
		w, h = max(1, w*side/s), max(1, h*side/s)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, orient(dst, orientation(data)), &jpeg.Options{Quality: 80}); err != nil {
		return nil, fmt.Errorf("write thumbnail: %w", err)
	}
	return buf.Bytes(), nil
}
