package render

import (
	"bytes"
	"html/template"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormatCoordinates(t *testing.T) {
	tests := []struct {
		name string
		c    *[2]float64
		want string
	}{
		{"nil", nil, ""},
		{"north east", &[2]float64{41.01, 28.98}, "41.01° N, 28.98° E"},
		{"south east", &[2]float64{-33.8688, 151.2093}, "33.8688° S, 151.2093° E"},
		{"north west", &[2]float64{40.7128, -74.006}, "40.7128° N, 74.006° W"},
		{"south west", &[2]float64{-34.6037, -58.3816}, "34.6037° S, 58.3816° W"},
		{"zero", &[2]float64{0, 0}, "0° N, 0° E"},
		{"whole numbers", &[2]float64{50, 30}, "50° N, 30° E"},
		{"rounded to four places", &[2]float64{50.123456, 30.00004}, "50.1235° N, 30° E"},
		{"extremes", &[2]float64{-90, 180}, "90° S, 180° E"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, formatCoordinates(tt.c))
		})
	}
}

func TestKindLabels(t *testing.T) {
	tests := []struct{ kind, label, plural string }{
		{"person", "Person", "People"},
		{"place", "Place", "Places"},
		{"organization", "Organization", "Organizations"},
		{"event", "Event", "Events"},
		{"thing", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.label, kindLabel(tt.kind), tt.kind)
		assert.Equal(t, tt.plural, kindPlural(tt.kind), tt.kind)
	}
}

func TestDict(t *testing.T) {
	m, err := dict("Page", 1, "Entry", "e")
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"Page": 1, "Entry": "e"}, m)

	m, err = dict()
	require.NoError(t, err)
	assert.Empty(t, m)

	_, err = dict("Page")
	assert.EqualError(t, err, "dict: want pairs of keys and values")
	_, err = dict("a", 1, "b")
	assert.EqualError(t, err, "dict: want pairs of keys and values")
	_, err = dict(1, "x")
	assert.EqualError(t, err, "dict: key 1 is not a string")
	_, err = dict("a", 1, nil, 2)
	assert.EqualError(t, err, "dict: key <nil> is not a string")
}

func TestDictInATemplate(t *testing.T) {
	tpl := template.Must(template.New("t").Funcs(funcs).Parse(`{{define "p"}}{{.A}}-{{.B}}{{end}}{{template "p" (dict "A" 1 "B" "two")}}`))
	var buf bytes.Buffer
	require.NoError(t, tpl.Execute(&buf, nil))
	assert.Equal(t, "1-two", buf.String())

	bad := template.Must(template.New("t").Funcs(funcs).Parse(`{{dict "A"}}`))
	err := bad.Execute(&buf, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "dict: want pairs of keys and values")
}

func TestFormatDate(t *testing.T) {
	assert.Equal(t, "", formatDate(time.Time{}))
	assert.Equal(t, "16 May 2025", formatDate(time.Date(2025, 5, 16, 23, 0, 0, 0, time.UTC)))
	assert.Equal(t, "1 January 2000", formatDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)))
}

func TestTemplateFuncs(t *testing.T) {
	iso := funcs["isoDate"].(func(time.Time) string)
	assert.Equal(t, "2025-05-16T09:30:00+03:00", iso(time.Date(2025, 5, 16, 9, 30, 0, 0, time.FixedZone("", 3*3600))))

	tpl := template.Must(template.New("t").Funcs(funcs).Parse(
		`{{lower "ABC"}}|{{join .L ", "}}|{{cardID "kyiv"}}|{{kindLabel "place"}}|{{coord .C}}|{{date .D}}`))
	var buf bytes.Buffer
	require.NoError(t, tpl.Execute(&buf, map[string]any{
		"L": []string{"a", "b"},
		"C": &[2]float64{50.45, -30.5},
		"D": time.Date(2025, 5, 16, 0, 0, 0, 0, time.UTC),
	}))
	assert.Equal(t, "abc|a, b|card-kyiv|Place|50.45° N, 30.5° W|16 May 2025", buf.String())
}
