package annotate

import (
	"github.com/glossdev/gloss/generator/internal/textmap"
	"golang.org/x/text/unicode/norm"
)

func plainRune(r rune) rune { return textmap.PlainQuote(r) }

func equalNFC(a, b string) bool { return norm.NFC.String(a) == norm.NFC.String(b) }
