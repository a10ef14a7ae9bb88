package annotate

import (
	"strings"
	"testing"

	"github.com/glossdev/gloss/generator/internal/textmap"
)

// BenchmarkOrigText makes the text of an article of about 6,500 characters.
func BenchmarkOrigText(b *testing.B) {
	s := strings.Repeat("Local officials said that the talks would resume after a short pause; Yusuf Şenanström reported it. ", 65)
	units := textmap.Units([][]byte{[]byte(s)})
	b.SetBytes(int64(len(s)))
	var buf []byte
	for b.Loop() {
		buf = appendOrig(buf[:0], units)
		_ = string(buf)
	}
}
