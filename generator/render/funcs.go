package render

import (
	"errors"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/glossdev/gloss/generator/mention"
)

// funcs are the functions templates may call besides a page's methods.
var funcs = template.FuncMap{
	"date":       formatDate,
	"isoDate":    func(t time.Time) string { return t.Format(time.RFC3339) },
	"kindLabel":  kindLabel,
	"kindPlural": kindPlural,
	"join":       strings.Join,
	"coord":      formatCoordinates,
	"lower":      strings.ToLower,
	"dict":       dict,
	"cardID":     mention.CardID,
	"contexts":   contexts,
	"appearance": appearance,
}

// dict builds a map from alternating keys and values, for passing several
// values to a partial: {{template "x" (dict "Page" $ "Entry" .)}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: want pairs of keys and values")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006")
}

var kindLabels = map[string][2]string{
	"person":       {"Person", "People"},
	"place":        {"Place", "Places"},
	"organization": {"Organization", "Organizations"},
	"event":        {"Event", "Events"},
}

func kindLabel(kind string) string  { return kindLabels[kind][0] }
func kindPlural(kind string) string { return kindLabels[kind][1] }

// formatCoordinates writes [41.01, 28.98] as 41.01° N, 28.98° E.
func formatCoordinates(c *[2]float64) string {
	if c == nil {
		return ""
	}
	lat, lon := c[0], c[1]
	ns, ew := "N", "E"
	if lat < 0 {
		ns, lat = "S", -lat
	}
	if lon < 0 {
		ew, lon = "W", -lon
	}
	return trimFloat(lat) + "° " + ns + ", " + trimFloat(lon) + "° " + ew
}

func trimFloat(f float64) string {
	s := strings.TrimRight(strings.TrimRight(strconvF(f), "0"), ".")
	if s == "" {
		return "0"
	}
	return s
}
