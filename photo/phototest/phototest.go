// Package phototest makes photos for tests: the size a phone takes, with
// the texture of a real scene so that they compress like one.
package phototest

import (
	"bytes"
	"image"
	"image/jpeg"
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
