package generator

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNew(t *testing.T) {
	dir := testSite(t, nil)
	today := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	tests := []struct{ kind, title, path, text string }{
		{"article", "What the Talks Mean", "content/articles/what-the-talks-mean.md",
			"---\ntitle: \"What the Talks Mean\"\ndate: 2026-11-24\nsummary: \"\"\ntags: []\ndraft: true\n---\n\nWrite the article here.\n"},
		{"person", "Recep Tayyip Erdoğan", "content/glossary/recep-tayyip-erdogan.md",
			"---\nname: \"Recep Tayyip Erdoğan\"\nkind: person\naliases: []\nrole: \"\"\nsummary: \"\"\n---\n\nWrite the entry here.\n"},
		{"place", "Tirana", "content/glossary/tirana.md", ""},
		{"organization", "European Political Community", "content/glossary/european-political-community.md", ""},
		{"event", "Istanbul talks, 2025", "content/glossary/istanbul-talks-2025.md", ""},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			path, err := New(dir, tt.kind, tt.title, today)
			require.NoError(t, err)
			assert.Equal(t, filepath.Join(dir, filepath.FromSlash(tt.path)), path)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			if tt.text != "" {
				assert.Equal(t, tt.text, string(data))
			}
			_, err = New(dir, tt.kind, tt.title, today)
			assert.ErrorIs(t, err, ErrExists, "never overwrites")
		})
	}
	// What New writes builds (the draft is left out, the entries are in).
	_, err := Build(context.Background(), dir, defaults())
	require.NoError(t, err)
	_, err = Build(context.Background(), dir, defaults(), WithDrafts(true))
	require.NoError(t, err)

	_, err = New(dir, "city", "Kyiv", today)
	assert.ErrorContains(t, err, `unknown kind "city"`)
	_, err = New(dir, "person", "!!!", today)
	assert.ErrorContains(t, err, "cannot make a file name")
}
