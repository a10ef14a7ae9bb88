package content

import (
	"path"
	"strings"
)

// ValidID reports whether s can name an entry or an article's slug: lower-case
// ASCII letters and digits in words joined by single hyphens. Such names are
// safe as URL path segments and as file names on every file system.
func ValidID(s string) bool {
	if s == "" || len(s) > 100 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// reserved names cannot be slugs or ids: they would collide with files gloss
// writes itself or confuse servers.
var reserved = map[string]bool{"index": true, "assets": true, "404": true}

// Reserved reports whether s is a reserved name.
func Reserved(s string) bool { return reserved[s] }

// Suggest turns a title into a valid id: "Vladimir Medinsky" → "vladimir-medinsky".
func Suggest(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(foldAccents(title)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	return s
}

// stem returns a file's name without folder and extension.
func stem(p string) string {
	return strings.TrimSuffix(path.Base(p), path.Ext(p))
}
