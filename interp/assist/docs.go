package assist

import (
	_ "embed"
	"sort"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/interp/assist/internal/docfile"
)

// docsData is the documentation of the packages in docpackages.txt,
// written by internal/gendocs (go generate).
//
//go:embed docs.json.gz
var docsData []byte

// pkgDoc is the documentation of one package, indexed by member name.
type pkgDoc struct {
	path, name, doc string
	members         map[string]docfile.Member
	// top lists the package-level member names (no "T.x"), sorted.
	top []string
}

type docIndex struct {
	byPath map[string]*pkgDoc
	byName map[string][]string // package name -> import paths
}

var (
	docsOnce sync.Once
	docs     *docIndex
)

// loadDocs decodes the embedded documentation once. A decoding failure
// leaves an empty index: assist then works from the Scope alone.
func loadDocs() *docIndex {
	docsOnce.Do(func() {
		docs = &docIndex{byPath: map[string]*pkgDoc{}, byName: map[string][]string{}}
		f, err := docfile.Decode(docsData)
		if err != nil {
			return
		}
		for _, p := range f.Packages {
			pd := &pkgDoc{path: p.Path, name: p.Name, doc: p.Doc, members: make(map[string]docfile.Member, len(p.Members))}
			for _, m := range p.Members {
				pd.members[m.Name] = m
				if !strings.Contains(m.Name, ".") {
					pd.top = append(pd.top, m.Name)
				}
			}
			sort.Strings(pd.top)
			docs.byPath[p.Path] = pd
			if p.Path != "builtin" {
				docs.byName[p.Name] = append(docs.byName[p.Name], p.Path)
			}
		}
	})
	return docs
}

// pkg returns the documentation of an import path, or nil.
func (d *docIndex) pkg(path string) *pkgDoc { return d.byPath[path] }

// member returns the documentation of name ("F" or "T.M") in path.
func (d *docIndex) member(path, name string) (docfile.Member, bool) {
	p := d.byPath[path]
	if p == nil {
		return docfile.Member{}, false
	}
	m, ok := p.members[name]
	return m, ok
}

// typeMembers lists the methods and fields documented for type typ of path.
func (d *docIndex) typeMembers(path, typ string) []docfile.Member {
	p := d.byPath[path]
	if p == nil {
		return nil
	}
	var out []docfile.Member
	prefix := typ + "."
	for name, m := range p.members {
		if strings.HasPrefix(name, prefix) {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// pathByName guesses the import path of a package name used inside
// documented signatures ("mat" in "func F() *mat.Dense").
func (d *docIndex) pathByName(name string) string {
	if ps := d.byName[name]; len(ps) == 1 {
		return ps[0]
	}
	return ""
}

// kindOf maps a docfile kind to a Kind.
func kindOf(k string) Kind {
	switch k {
	case "func":
		return KindFunc
	case "method":
		return KindMethod
	case "type":
		return KindType
	case "const":
		return KindConst
	case "var":
		return KindVar
	case "field":
		return KindField
	}
	return KindVar
}
