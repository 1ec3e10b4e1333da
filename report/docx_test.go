package report

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"sotay/internal/office"
	"sotay/internal/testenv"
)

func weekDocx(t *testing.T) (*Report, []byte) {
	t.Helper()
	st := fixtureNotebook(t)
	r, err := Build(context.Background(), st, Week(clock), clock)
	if err != nil {
		t.Fatal(err)
	}
	// Text an officer might type that means something to XML.
	r.Text.Assessment = "Kết quả <tốt> & đúng \"kế hoạch\"; tỷ lệ 5 > 3.\nCần cố gắng hơn."
	var buf bytes.Buffer
	if err := WriteDocx(&buf, r); err != nil {
		t.Fatal(err)
	}
	return r, buf.Bytes()
}

// TestDocxPackage checks the package without any office suite: every part
// is well-formed XML, and the section is A4 with Decree 30's margins, the
// first page without a number.
func TestDocxPackage(t *testing.T) {
	_, doc := weekDocx(t)
	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(b)
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/settings.xml", "word/header1.xml", "word/_rels/document.xml.rels"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("package lacks %s", name)
		}
	}
	body := parts["word/document.xml"]
	for _, want := range []string{
		`<w:pgSz w:w="11906" w:h="16838"/>`,
		`w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`,
		`<w:titlePg/>`,
		`CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`,
		`Kết quả &lt;tốt&gt; &amp; đúng &#34;kế hoạch&#34;`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(parts["word/header1.xml"], "PAGE") {
		t.Error("header1.xml has no PAGE field")
	}
	if !strings.Contains(parts["word/styles.xml"], `w:ascii="Times New Roman"`) {
		t.Error("styles.xml does not default to Times New Roman")
	}
}

// TestDocxInLibreOffice converts the .docx to PDF with LibreOffice and
// reads the PDF back: A4 pages, the title, the motto and Vietnamese text
// intact, Times New Roman (or its metric twin) embedded, and page 1 as a
// PNG in testdata/out for a person to look at.
func TestDocxInLibreOffice(t *testing.T) {
	soffice := testenv.LookPath(t, "libreoffice-writer-nogui", "soffice", "libreoffice")
	testenv.Need(t, office.HasWriter(soffice), "LibreOffice Writer is not installed (Debian package libreoffice-writer-nogui)")
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdffonts", "pdftoppm"} {
		testenv.LookPath(t, "poppler-utils", tool)
	}
	// The layout is measured in Times New Roman; without it (or its metric
	// twin with Vietnamese glyphs) LibreOffice falls back to a wider font,
	// the national title wraps, and the text checks below fail for a reason
	// that is not the report's.
	testenv.LookPath(t, "fontconfig", "fc-list")
	testenv.Need(t, testenv.HasFont("Times New Roman", vietSample) || testenv.HasFont("Liberation Serif", vietSample),
		"no Times New Roman or Liberation Serif with Vietnamese glyphs (Debian package fonts-liberation2)")
	_, doc := weekDocx(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "bao-cao.docx")
	if err := os.WriteFile(src, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := office.Convert(t, soffice, dir, src, "pdf")

	info := runTool(t, "pdfinfo", pdf)
	if !regexp.MustCompile(`Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)`).MatchString(info) {
		t.Errorf("not A4:\n%s", info)
	}
	pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	t.Logf("pdfinfo: %s pages", pages[1])

	text := runTool(t, "pdftotext", "-layout", pdf, "-")
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"BỘ NỘI VỤ",
		"TỔ CÔNG TÁC BIỆT PHÁI",
		"/BC-TCTBP",
		"Tuyên Quang, ngày 05 tháng 02 năm 2026",
		"BÁO CÁO",
		"I. TÌNH HÌNH CHUNG",
		"III. KHÓ KHĂN, VƯỚNG MẮC",
		"VI. NHIỆM VỤ THỜI GIAN TỚI",
		"Chế độ, chính sách cho người nghỉ việc",
		"Kết quả <tốt> & đúng \"kế hoạch\"",
		"Nơi nhận:",
		"Nguyễn Thị Minh Hằng",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	// Page 1 has no number at the top; page 2, when there is one, starts
	// with "2".
	pageTexts := strings.Split(text, "\f")
	if first := strings.TrimSpace(pageTexts[0]); strings.HasPrefix(first, "1") {
		t.Errorf("page 1 starts with a page number: %.40q", first)
	}
	if len(pageTexts) > 1 && strings.TrimSpace(pageTexts[1]) != "" {
		if second := strings.TrimSpace(pageTexts[1]); !strings.HasPrefix(second, "2") {
			t.Errorf("page 2 does not start with its number: %.40q", second)
		}
	}

	fonts := runTool(t, "pdffonts", pdf)
	t.Logf("pdffonts:\n%s", fonts)
	if !strings.Contains(fonts, "TimesNewRoman") && !strings.Contains(fonts, "LiberationSerif") {
		t.Errorf("neither Times New Roman nor Liberation Serif in the PDF:\n%s", fonts)
	}

	out := filepath.Join("testdata", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	runTool(t, "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", pdf, filepath.Join(out, "week"))
	t.Logf("pages 1–3 rendered to %s/week-*.png", out)
}

// vietSample holds letters of the report's title and motto that only a
// font with Vietnamese glyphs draws: the capability the .docx test needs.
const vietSample = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Hạnh phúc"

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}

// TestDocxSchemaOrder checks the order of the properties Word is strict
// about (ECMA-376 part 1, CT_PPr, CT_RPr, CT_TblPr, CT_SectPr sequences):
// LibreOffice forgives a wrong order, Word reports the file as damaged.
func TestDocxSchemaOrder(t *testing.T) {
	_, doc := weekDocx(t)
	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	order := map[string][]string{
		"pPr":    {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "shd", "tabs", "spacing", "ind", "contextualSpacing", "jc", "rPr"},
		"rPr":    {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "strike", "color", "spacing", "sz", "szCs", "highlight", "u", "vertAlign", "lang"},
		"tblPr":  {"tblStyle", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"},
		"sectPr": {"headerReference", "footerReference", "type", "pgSz", "pgMar", "pgNumType", "cols", "titlePg", "docGrid"},
	}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "word/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, _ := f.Open()
		d := xml.NewDecoder(rc)
		type open struct {
			name string
			last int
		}
		var stack []open
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			switch el := tok.(type) {
			case xml.StartElement:
				if n := len(stack); n > 0 {
					if seq, ok := order[stack[n-1].name]; ok {
						i := slices.Index(seq, el.Name.Local)
						if i < 0 {
							t.Errorf("%s: <%s> in <%s> is not in the checked sequence", f.Name, el.Name.Local, stack[n-1].name)
						} else if i < stack[n-1].last {
							t.Errorf("%s: <%s> comes too late in <%s>", f.Name, el.Name.Local, stack[n-1].name)
						} else {
							stack[n-1].last = i
						}
					}
				}
				stack = append(stack, open{name: el.Name.Local})
			case xml.EndElement:
				stack = stack[:len(stack)-1]
			}
		}
		rc.Close()
	}
}
