package vntext

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// The table path of Fold agrees with the definition on every rune it
// covers, and on random mixes of them with marks, other scripts and broken
// UTF-8.
func TestFoldTableMatchesDefinition(t *testing.T) {
	for r := rune(0); r < 0x2000; r++ {
		if got, want := Fold(string(r)), foldSlow(string(r)); got != want {
			t.Errorf("Fold(%U) = %q, want %q", r, got, want)
		}
	}
	pool := []rune("aAđĐăâêôơưÀÁẢÃẠàáảãạẤầẩẫậẮằẳẵặÉèẻẽẹỀếểễệÍìỉĩịÓòỏõọỐồổỗộỚờởỡợÚùủũụỨừửữựÝỳỷỹỵ" +
		"\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b ,.-09zZİıßǅ\u0345Ωω中\t\n")
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteRune(pool[rng.IntN(len(pool))])
		}
		s := b.String()
		if rng.IntN(4) == 0 {
			s = norm.NFD.String(s)
		}
		if rng.IntN(20) == 0 {
			s += "\xff"
		}
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Fatalf("Fold(%+q) = %+q, want %+q", s, got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	s := "Làm việc với Ủy ban nhân dân xã Tân Lập về chế độ, chính sách cho người nghỉ việc theo Nghị định 178."
	for i := 0; i < b.N; i++ {
		Fold(s)
	}
}
