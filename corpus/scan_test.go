package corpus

import "testing"

// TestScanKinds checks one rule per row: what a number in context claims,
// its value and unit class.
func TestScanKinds(t *testing.T) {
	tests := []struct {
		in    string
		kind  Kind
		value float64
		class string
	}{
		{"招聘特岗教师95名", KindCount, 95, ClassPerson},
		{"新建学校95所", KindCount, 95, ClassSchool},
		{"培训4300人次", KindCount, 4300, ClassPersonTim},
		{"开展研学56批次", KindCount, 56, ClassSession},
		{"投入1.35亿元", KindCount, 1.35e8, ClassMoney},
		{"投入13500万元", KindCount, 1.35e8, ClassMoney},
		{"投入2亿1800万元", KindCount, 2.18e8, ClassMoney},
		{"投入一点三五亿元", KindCount, 1.35e8, ClassMoney},
		{"提高二点三个百分点", KindPercent, 2.3, ClassPoints},
		{"上线率百分之六十八点七", KindPercent, 68.7, ClassPercent},
		{"优良率９５．６％", KindPercent, 95.6, ClassPercent},
		{"年满五十岁", KindCount, 50, ClassAge},
		{"平均分提高十二点六分", KindCount, 12.6, ClassScore},
		{"全市第3名", KindOrdinal, 3, ClassRank},
		{"获评第二批", KindOrdinal, 2, ClassSession},
		{"9月2日开学", KindDate, 9, ""},
		{"九月二日开学", KindDate, 9, ""},
		{"惠及近万名学生", KindVague, 1e4, ClassPerson},
		{"百余名教师", KindVague, 100, ClassPerson},
		{"数十所学校", KindVague, 0, ClassSchool},
		{"上千人次参加", KindVague, 1000, ClassPersonTim},
		{"经费翻一番", KindVague, 2, ClassTimes},
		{"三分之二的学校", KindVague, 2.0 / 3, ClassFraction},
		{"五成以上", KindVague, 0.5, ClassFraction},
		{"过半学校", KindVague, 0.5, ClassFraction},
		{"增长一倍", KindCount, 1, ClassTimes},
		{"拨打12345热线", KindNamed, 0, ""},
		{"119消防宣传月", KindNamed, 0, ""},
		{"“5·12”防灾减灾日", KindNamed, 0, ""},
		{"“5+2”课后服务", KindNamed, 0, ""},
		{"教育信息化2.0行动计划", KindNamed, 0, ""},
		{"做到两个维护", KindNamed, 0, ""},
		{"二〇二四年", KindYear, 2024, ""},
		{"标准为每生每年1150元", KindCount, 1150, "money-rate"},
		{"标准为1150元/生/年", KindCount, 1150, "money-rate"},
		{"落实每生每天五元的标准", KindCount, 5, "money-rate-day"},
		{"3月至6月开展整治", KindDate, 3, ""},
		{"三至六月开展整治", KindDate, 3, ""},
		{"一月五日召开会议", KindDate, 1, ""},
		{"成百上千的家长", KindVague, 0, ClassFraction},
		{"其中七成为本地生源", KindVague, 0.7, ClassFraction},
		{"举办第二届艺术节", KindOrdinal, 2, "届"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			spans := Scan(tt.in)
			if len(spans) != 1 {
				t.Fatalf("Scan(%q) = %+v, want one span", tt.in, spans)
			}
			sp := spans[0]
			if sp.Kind != tt.kind || !closeTo(sp.Value, tt.value) || sp.Kind != KindDate && sp.Class != tt.class {
				t.Errorf("Scan(%q) = %s %v %q, want %s %v %q", tt.in, sp.Kind, sp.Value, sp.Class, tt.kind, tt.value, tt.class)
			}
		})
	}
}

// TestScanNotFigures checks text whose numerals claim nothing.
func TestScanNotFigures(t *testing.T) {
	for _, in := range []string{
		"千方百计提高质量", "十分重要", "十一期间", "七年级学生", "初三年级", "进一步加强", "一是抓学习",
		"开展一次检查", "第一时间", "第二课堂", "## 1. 加强学习", "（2）完善机制", "【待核实：12人】",
		"\n云岭县教育局\n2024年12月20日\n",
		"**1. 坚持党建引领**", "县教发〔2025〕9号", "3号楼",
	} {
		for _, sp := range Scan(in) {
			if sp.Claims() {
				t.Errorf("Scan(%q) claims %q (%s)", in, sp.Text, sp.Kind)
			}
		}
	}
}

// TestHasNumberRuneIsAPrecheck checks that the cheap test before Scan lets
// through every text with a number and stops words made with numerals.
func TestHasNumberRuneIsAPrecheck(t *testing.T) {
	for _, in := range []string{"新建学校三所", "数以万计", "成百上千", "过半", "翻一番", "三分之二", "百分之九十", "二〇二四年", "近万名", "12人", "１２人", "xx人", "五十岁"} {
		if !hasNumberRune(in) {
			t.Errorf("hasNumberRune(%q) = false", in)
		}
	}
	for _, in := range []string{"进一步加强", "一是抓学习", "一以贯之", ""} { // a conservative test: 统一部署 may pass, Scan decides
		if hasNumberRune(in) {
			t.Errorf("hasNumberRune(%q) = true", in)
		}
	}
}
