package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteText writes diagnostics one per line, as the build prints them.
func WriteText(w io.Writer, ds []Diagnostic) error {
	for _, d := range ds {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// WriteGitHub writes diagnostics as GitHub Actions workflow commands, which
// show as annotations on the lines of a pull request.
func WriteGitHub(w io.Writer, ds []Diagnostic) error {
	for _, d := range ds {
		var props []string
		if d.Path != "" {
			props = append(props, "file="+escapeProperty(d.Path))
		}
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
		}
		if d.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Col))
		}
		msg := d.Msg
		if d.Hint != "" {
			msg += "\nhint: " + d.Hint
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

type jsonDiagnostic struct {
	Severity string `json:"severity"`
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// WriteJSON writes diagnostics as a JSON array of objects with severity,
// path, line, col, message and hint.
func WriteJSON(w io.Writer, ds []Diagnostic) error {
	out := make([]jsonDiagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, jsonDiagnostic{Severity: d.Severity.String(), Path: d.Path, Line: d.Line, Col: d.Col, Message: d.Msg, Hint: d.Hint})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
