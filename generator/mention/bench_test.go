package mention

import (
	"slices"
	"strings"
	"testing"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/textmap"
)

// BenchmarkFind looks for the test entries in a paragraph of about 1,300
// characters that mentions a few of them.
func BenchmarkFind(b *testing.B) {
	var diags diag.List
	m := NewMatcher(testEntries, &diags)
	text := strings.Repeat("Local officials said that the talks would resume after a short pause in Istanbul, "+
		"but the mood was tense. Medinsky, who leads the delegation, said that the timetable was more ambitious "+
		"than anyone had expected; Erdoğan’s office did not comment. ", 5)
	units := textmap.Units([][]byte{[]byte(text)})
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if len(m.Find(units)) != 15 {
			b.Fatal("wrong matches")
		}
	}
}

// findPlain is Find as a plain loop over the units, each start tested with
// IsWord and Fold.
func findPlain(m *Matcher, units []textmap.Unit) []Match {
	var out []Match
	for i := 0; i < len(units); {
		if units[i].Glued || i > 0 && units[i-1].IsWord() || m.first(units[i].Fold()) == nil {
			i++
			continue
		}
		best := Match{End: -1}
		n := m.first(units[i].Fold())
		for j := i; n != nil; {
			if j > i {
				n = n.child(units[j].Fold())
			}
			j++
			if n == nil {
				break
			}
			if len(n.cands) > 0 && canEnd(units, j) {
				for _, c := range n.cands {
					if c.matchCase && !exactEqual(units[i:j], c.exact) {
						continue
					}
					best = Match{Start: i, End: j, Entry: c.entry, Alias: c.alias}
					break
				}
			}
			if j == len(units) {
				break
			}
		}
		if best.End > 0 {
			out = append(out, best)
			i = best.End
			continue
		}
		i++
	}
	return out
}

// FuzzFind holds Find, which spells out its ASCII cases, to findPlain.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Medinsky met Putin in Istanbul.", "xMedinsky Medinskyx _Putin Putin_ 9Kyiv Kyiv9",
		"Erdoğan’s İstanbul, Côte d'Ivoire; New York University; KREMLIN kremlin",
		"Мединский and Medinsky\u0301 and e\u0301Kyiv", "Vladimir Medinsky's Vladimir Putin",
		"Medinsky'Sultan' and 'Sultan'",
	} {
		f.Add(s)
	}
	var diags diag.List
	// A name that starts with a character outside words, which may follow
	// a match.
	m := NewMatcher(append(slices.Clone(testEntries), entry("sultan", "'Sultan'")), &diags)
	f.Fuzz(func(t *testing.T, s string) {
		units := textmap.Units([][]byte{[]byte(s)})
		if got, want := m.Find(units), findPlain(m, units); !slices.Equal(got, want) {
			t.Fatalf("%q: Find gives %v, the plain loop %v", s, got, want)
		}
	})
}
