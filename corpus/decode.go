package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wlynxg/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Encoding names reported in Result.Encoding.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncGB18030 = "gb18030"
	EncBig5    = "big5"
	EncDOCX    = "docx"
)

// ErrNotText is returned (wrapped) for input that is not a readable report:
// empty, binary, or without Chinese text.
var ErrNotText = errors.New("不是可读的文本报告")

// Decode turns the bytes of a .txt, .md or .docx file into UTF-8 text and
// names the encoding it found; Markdown is reduced to its text. PDF must be
// converted to text by the caller.
func Decode(name string, data []byte) (text, enc string, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", "", fmt.Errorf("%w：文件为空", ErrNotText)
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == ".docx" || bytes.HasPrefix(data, []byte("PK\x03\x04")):
		text, err = DocxText(data)
		if err != nil {
			return "", "", err
		}
		return text, EncDOCX, checkText(text)
	case bytes.HasPrefix(data, []byte("%PDF")): // text already extracted from a PDF passes
		return "", "", fmt.Errorf("%w：PDF 需先用 pdftotext 转为文本", ErrNotText)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "", "", fmt.Errorf("%w：旧版 .doc 格式不支持，请另存为 .docx", ErrNotText)
	}
	text, enc = decodeText(data)
	if isMarkdown(ext) {
		text = markdownText([]byte(text))
	}
	return text, enc, checkText(text)
}

// decodeText detects the encoding: BOM first, then valid UTF-8, then a
// detector, and as a last resort whichever of GB18030 and Big5 reads better.
func decodeText(data []byte) (string, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return validUTF8(data[3:]), EncUTF8BOM
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), data), EncUTF16LE
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), data), EncUTF16BE
	case mostlyUTF8(data):
		return validUTF8(data), EncUTF8
	}
	sample := data
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	label := strings.ToUpper(chardet.Detect(sample).Encoding)
	switch {
	case strings.HasPrefix(label, "GB") || label == "HZ-GB-2312":
		return decodeWith(simplifiedchinese.GB18030, data), EncGB18030
	case strings.HasPrefix(label, "BIG5"):
		return decodeWith(traditionalchinese.Big5, data), EncBig5
	}
	gb := decodeWith(simplifiedchinese.GB18030, data)
	big5 := decodeWith(traditionalchinese.Big5, data)
	if readability(big5) > readability(gb) {
		return big5, EncBig5
	}
	return gb, EncGB18030
}

// utf8Tolerance is the share of non-ASCII bytes that may be invalid in a
// file still read as UTF-8: one bad byte (a cut character, a stray byte from
// another program) must not make a whole report look binary or GB18030.
// Text in GB18030 or Big5 has most of its non-ASCII bytes invalid as UTF-8.
const utf8Tolerance = 100 // at most 1 in 100

// mostlyUTF8 reports whether data is UTF-8 but for a few invalid bytes: at
// least 99% of its non-ASCII bytes are in valid sequences.
func mostlyUTF8(data []byte) bool {
	if utf8.Valid(data) {
		return true
	}
	nonASCII, invalid := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		}
		nonASCII += n
		i += n
	}
	return invalid*utf8Tolerance <= nonASCII && invalid < nonASCII
}

// validUTF8 is data as a string, each invalid byte sequence replaced with
// U+FFFD.
func validUTF8(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	return strings.ToValidUTF8(string(data), "\uFFFD")
}

func decodeWith(e encoding.Encoding, data []byte) string {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		// The x/text decoders replace bad sequences rather than fail; this
		// only guards against an unexpected error.
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(out)
}

// readability scores decoded text: common Han characters count for, and
// replacement characters, private-use and control code points against.
func readability(s string) int {
	score := 0
	for _, r := range s {
		switch {
		case r == '\uFFFD' || unicode.In(r, unicode.Co) || (r < 0x20 && r != '\n' && r != '\r' && r != '\t'):
			score -= 5
		case r >= 0x4E00 && r <= 0x9FFF:
			if strings.ContainsRune(commonHan, r) {
				score += 2
			}
		}
	}
	return score
}

// commonHan are frequent characters of report text, used to tell a right
// decoding from mojibake. Both scripts are listed so Big5 text scores too.
const commonHan = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质教育学校县局师资安全扶贫党建办条件质量德职业改革信息化區縣學師資與國為發應對這會說們個來時實現開關進動經過後還當點體問題見員義務書總結計劃"

// checkText rejects what is plainly not a report: binary data or text with
// (almost) no Chinese characters.
func checkText(s string) error {
	han, ctrl, total := 0, 0, 0
	for _, r := range s {
		total++
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case r == 0 || (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == '\uFFFD' || unicode.In(r, unicode.Co):
			ctrl++
		}
	}
	switch {
	case total == 0:
		return fmt.Errorf("%w：文件为空", ErrNotText)
	case ctrl*20 > total:
		return fmt.Errorf("%w：含大量控制字符或乱码，像是二进制文件", ErrNotText)
	case han < 20:
		return fmt.Errorf("%w：未找到中文正文（仅 %d 个汉字）", ErrNotText, han)
	}
	return nil
}
