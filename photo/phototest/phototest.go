// Package phototest makes photos for tests: the size a phone takes, with
// the texture of a real scene so that they compress like one.
package phototest

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
)

// PhoneJPEG makes a w × h photo (smooth light, blocks and strokes like a
// wall, a window and a sign, and sensor noise) at a phone's JPEG quality.
func PhoneJPEG(w, h int, seed uint64) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(seed, 1))
	for y := range h {
		row := img.Pix[y*img.Stride:]
		for x := range w {
			r, g, b := 120+80*x/w, 110+60*y/h, 90
			if (x/250+y/180)%3 == 0 {
				r, g, b = 200, 190, 170
			}
			if (x/20)%9 == 0 && y > h/3 && y < h/2 {
				r, g, b = 30, 30, 40
			}
			n := int(rng.Uint32()%41) - 20
			p := row[4*x : 4*x+4]
			p[0], p[1], p[2], p[3] = clamp(r+n), clamp(g+n), clamp(b+n), 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil {
		panic(err) // encoding an in-memory RGBA image cannot fail
	}
	return buf.Bytes()
}

func clamp(v int) uint8 { return uint8(min(max(v, 0), 255)) }

// ScanPNG makes a w × h scan of a typed page (paper with a scanner's
// grain, lines of dark strokes, a red stamp) as a PNG, as a scanner app
// saves one; transparent makes its margins clear, as a cut-out stamp is.
func ScanPNG(w, h int, seed uint64, transparent bool) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(seed, 2))
	for y := range h {
		row := img.Pix[y*img.Stride:]
		for x := range w {
			v := 235 + int(rng.Uint32()%13) - 6
			r, g, b := v, v, v-4
			if line := y % 48; line > 14 && line < 34 && x > w/12 && x < w-w/12 && (x/7+y/5+int(rng.Uint32()%3))%4 != 0 {
				r, g, b = 40, 40, 50
			}
			if dx, dy := x-3*w/4, y-4*h/5; dx*dx+dy*dy < (w/10)*(w/10) && dx*dx+dy*dy > (w/12)*(w/12) {
				r, g, b = 200, 30, 40
			}
			a := 255
			if transparent && (x < w/20 || x > w-w/20) {
				a = 0
			}
			p := row[4*x : 4*x+4]
			p[0], p[1], p[2], p[3] = clamp(r), clamp(g), clamp(b), uint8(a)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // encoding an in-memory image cannot fail
	}
	return buf.Bytes()
}
