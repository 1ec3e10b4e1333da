//go:build ignore

// Command icon draws sotay's icon — a red notebook with the yellow star —
// and writes it as a Windows .ico (16 to 256 pixels) for the executable's
// resources and the installer. .ci/release runs it:
//
//	go run packaging/windows/icon.go OUT.ico
//
// Drawing it in code keeps a binary out of the repository and lets anyone
// change it with a text editor.
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

var (
	cover = color.NRGBA{0xC8, 0x10, 0x2E, 0xFF} // red
	spine = color.NRGBA{0x8E, 0x0B, 0x21, 0xFF}
	star  = color.NRGBA{0xFF, 0xCD, 0x00, 0xFF} // yellow
	ring  = color.NRGBA{0xE8, 0xE8, 0xE8, 0xFF}
)

// shade is the colour at (x, y) in the unit square, or transparent.
func shade(x, y float64) color.NRGBA {
	const r = 0.12 // corner radius of the cover
	inCover := x >= 0.12 && x <= 0.92 && y >= 0.04 && y <= 0.96 && roundedIn(x, y, 0.12, 0.04, 0.92, 0.96, r)
	if !inCover {
		return color.NRGBA{}
	}
	if x < 0.26 {
		for _, ry := range []float64{0.2, 0.4, 0.6, 0.8} {
			if math.Hypot(x-0.19, y-ry) < 0.045 {
				return ring
			}
		}
		return spine
	}
	if inStar(x-0.59, y-0.52, 0.27) {
		return star
	}
	return cover
}

func roundedIn(x, y, x0, y0, x1, y1, r float64) bool {
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return math.Hypot(x-cx, y-cy) <= r
}

// inStar: a five-pointed star of outer radius R centred on the origin,
// one point up.
func inStar(x, y, R float64) bool {
	inner := R * 0.382
	var px, py [10]float64
	for i := range 10 {
		rad := R
		if i%2 == 1 {
			rad = inner
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		px[i], py[i] = rad*math.Cos(a), rad*math.Sin(a)
	}
	in := false
	for i, j := 0, 9; i < 10; j, i = i, i+1 {
		if (py[i] > y) != (py[j] > y) && x < (px[j]-px[i])*(y-py[i])/(py[j]-py[i])+px[i] {
			in = !in
		}
	}
	return in
}

// draw renders the icon at n×n pixels, 4×4 supersampled.
func draw(n int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	const ss = 4
	for py := range n {
		for px := range n {
			var r, g, b, a float64
			for sy := range ss {
				for sx := range ss {
					c := shade((float64(px)+(float64(sx)+0.5)/ss)/float64(n), (float64(py)+(float64(sy)+0.5)/ss)/float64(n))
					fa := float64(c.A) / 255
					r, g, b, a = r+float64(c.R)*fa, g+float64(c.G)*fa, b+float64(c.B)*fa, a+fa
				}
			}
			if a > 0 {
				img.SetNRGBA(px, py, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(a / ss / ss * 255)})
			}
		}
	}
	return img
}

// dib is an icon entry as a 32-bit BMP (BITMAPINFOHEADER, bottom-up BGRA,
// then the 1-bit AND mask), the form every icon reader takes.
func dib(img *image.NRGBA) []byte {
	n := img.Rect.Dx()
	var buf bytes.Buffer
	maskRow := (n + 31) / 32 * 4
	binary.Write(&buf, binary.LittleEndian, struct {
		Size                  uint32
		Width, Height         int32
		Planes, BitCount      uint16
		Compression, SizeImg  uint32
		XPels, YPels          int32
		ClrUsed, ClrImportant uint32
	}{40, int32(n), int32(2 * n), 1, 32, 0, uint32(n*n*4 + maskRow*n), 0, 0, 0, 0})
	for y := n - 1; y >= 0; y-- {
		for x := range n {
			c := img.NRGBAAt(x, y)
			buf.Write([]byte{c.B, c.G, c.R, c.A})
		}
	}
	for y := n - 1; y >= 0; y-- {
		row := make([]byte, maskRow)
		for x := range n {
			if img.NRGBAAt(x, y).A == 0 {
				row[x/8] |= 0x80 >> (x % 8)
			}
		}
		buf.Write(row)
	}
	return buf.Bytes()
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run packaging/windows/icon.go OUT.ico")
		os.Exit(2)
	}
	sizes := []int{16, 24, 32, 48, 64, 256}
	var entries [][]byte
	for _, n := range sizes {
		img := draw(n)
		if n == 256 { // large sizes are PNG inside the .ico (Windows Vista and later)
			var b bytes.Buffer
			if err := png.Encode(&b, img); err != nil {
				fmt.Fprintln(os.Stderr, "icon:", err)
				os.Exit(1)
			}
			entries = append(entries, b.Bytes())
		} else {
			entries = append(entries, dib(img))
		}
	}
	var out bytes.Buffer
	binary.Write(&out, binary.LittleEndian, [3]uint16{0, 1, uint16(len(sizes))})
	offset := 6 + 16*len(sizes)
	for i, n := range sizes {
		dim := uint8(n) // 256 is written as 0
		binary.Write(&out, binary.LittleEndian, struct {
			W, H, Colors, Reserved uint8
			Planes, BitCount       uint16
			Size, Offset           uint32
		}{dim, dim, 0, 0, 1, 32, uint32(len(entries[i])), uint32(offset)})
		offset += len(entries[i])
	}
	for _, e := range entries {
		out.Write(e)
	}
	if err := os.WriteFile(os.Args[1], out.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "icon:", err)
		os.Exit(1)
	}
}
