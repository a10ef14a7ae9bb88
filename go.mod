module github.com/glossdev/gloss

go 1.26.8

require (
	github.com/stretchr/testify v1.12.1
	github.com/yuin/goldmark v1.8.7
	github.com/yuin/goldmark-meta v1.1.0
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/text v0.44.0
)

require gopkg.in/yaml.v2 v2.3.0 // indirect
