package store

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"sotay/domain"
	"sotay/record"
)

// genNow is the clock of generated notebooks: every generated date lies in
// the two years before it.
var genNow = time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC)

// gen makes plausible records of a seconded officer: communes and wards with
// Vietnamese names, activities, contents and difficulties written the way
// officers write them, with diacritics. It is seeded, so a run is
// reproducible.
type gen struct {
	r        *rand.Rand
	communes []string
}

func newGen(seed uint64) *gen {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	// About 600 communes: "Xã"/"Phường"/"Đặc khu" and two syllables.
	seen := map[string]bool{}
	for len(g.communes) < 600 {
		prefix := pick(g.r, []string{"Xã", "Xã", "Xã", "Phường", "Phường", "Đặc khu"})
		name := prefix + " " + pick(g.r, placeSyllables) + " " + pick(g.r, placeSyllables)
		if !seen[name] {
			seen[name] = true
			g.communes = append(g.communes, name)
		}
	}
	return g
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

var placeSyllables = strings.Fields(`An Bình Hòa Phú Thạnh Tân Long Hưng Phước Thuận Đông Tây Nam Bắc Trung
Hải Sơn Lâm Thủy Quang Minh Thành Vĩnh Xuân Thu Hạ Đức Nghĩa Lộc Mỹ Phong Hiệp Hợp Đồng Yên Kim Ngọc
Cẩm Châu Giang Hà Khánh Lợi Thịnh Tiến Định Cát Quý Trà Ninh Thái Việt Văn Hiền Lương Tường Điền`)

var (
	openings = []string{
		"Làm việc với Ủy ban nhân dân", "Khảo sát thực tế tại", "Họp với Đảng ủy và lãnh đạo",
		"Hướng dẫn nghiệp vụ cho công chức", "Kiểm tra việc sắp xếp bộ máy tại", "Tiếp công dân tại trụ sở",
		"Trao đổi với Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Giám sát việc giải quyết thủ tục hành chính tại",
		"Làm việc với Trung tâm phục vụ hành chính công", "Dự hội nghị sơ kết chính quyền địa phương hai cấp tại",
	}
	subjects = []string{
		"về việc bố trí cán bộ, công chức sau sắp xếp", "về chế độ, chính sách cho người nghỉ việc theo Nghị định 178",
		"về tiền lương và phụ cấp của cán bộ cấp xã", "về bảo hiểm xã hội cho cán bộ không chuyên trách",
		"về kinh phí hoạt động và cơ sở vật chất", "về phân cấp, phân quyền và ủy quyền giữa hai cấp",
		"về hệ thống dịch vụ công trực tuyến và chữ ký số", "về quản lý đất đai và giải phóng mặt bằng",
		"về trụ sở làm việc, phương tiện đi lại của công chức", "về đào tạo, bồi dưỡng công chức cấp xã",
		"về vị trí việc làm và biên chế", "về lưu trữ hồ sơ, con dấu sau hợp nhất",
	}
	details = []string{
		"Đồng chí Chủ tịch báo cáo tình hình triển khai nhiệm vụ tháng qua.",
		"Một số công chức chưa nắm vững quy trình mới, cần hướng dẫn thêm.",
		"Trụ sở làm việc còn chật hẹp, thiếu máy tính và đường truyền.",
		"Người dân phản ánh thời gian giải quyết hồ sơ còn kéo dài.",
		"Đã thống nhất phân công nhiệm vụ cụ thể cho từng phòng chuyên môn.",
		"Việc chi trả chế độ cho người nghỉ việc đang được thực hiện đúng tiến độ.",
		"Phần mềm một cửa điện tử thường xuyên bị lỗi kết nối.",
		"Lãnh đạo xã đề nghị tỉnh sớm ban hành hướng dẫn về định mức biên chế.",
		"Cán bộ, công chức phấn khởi, yên tâm công tác sau sắp xếp.",
		"Khối lượng công việc tăng nhiều so với trước khi hợp nhất.",
		"Đường giao thông đi lại giữa các thôn, bản còn khó khăn vào mùa mưa.",
		"Tổ công tác đã ghi nhận và tổng hợp báo cáo Bộ Nội vụ.",
	}
	results = []string{
		"Hoàn thành kiểm tra hồ sơ của 12 công chức.", "Giải đáp 8 kiến nghị của cử tri.",
		"Thống nhất lộ trình sắp xếp trụ sở trong quý tới.", "Đã hướng dẫn quy trình tiếp nhận hồ sơ trực tuyến.",
		"Lập danh sách người nghỉ việc cần chi trả chế độ.", "Ghi nhận 5 khó khăn để báo cáo Tổ công tác.",
	}
	nextSteps = []string{
		"Tiếp tục theo dõi, đôn đốc việc thực hiện.", "Báo cáo Bộ Nội vụ xin ý kiến chỉ đạo.",
		"Phối hợp Sở Nội vụ tổ chức tập huấn bổ sung.", "Kiểm tra lại vào tuần sau.",
		"Đề nghị Ủy ban nhân dân tỉnh bổ sung kinh phí.",
	}
	partners = []string{
		"Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh", "Đảng ủy xã", "Ủy ban Mặt trận Tổ quốc",
		"Sở Tài chính", "Bảo hiểm xã hội tỉnh", "Công an xã", "Trung tâm phục vụ hành chính công",
	}
	topics = []string{
		"Nghiệp vụ văn thư, lưu trữ sau sắp xếp", "Quy trình giải quyết thủ tục hành chính trực tuyến",
		"Kỹ năng tiếp công dân và xử lý đơn thư", "Quản lý cán bộ, công chức cấp xã",
		"Phân cấp, phân quyền trong chính quyền địa phương hai cấp", "Sử dụng chữ ký số và hệ thống quản lý văn bản",
		"Quản lý ngân sách và tài sản công cấp xã", "Nghiệp vụ hộ tịch, chứng thực",
	}
	audiences = []string{
		"Công chức cấp xã", "Lãnh đạo Ủy ban nhân dân xã", "Công chức Văn phòng HĐND và UBND",
		"Cán bộ Trung tâm phục vụ hành chính công", "Công chức tư pháp - hộ tịch",
	}
	trainers = []string{
		"Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Cường", "Phạm Thị Dung", "Hoàng Minh Đức",
		"Vũ Thị Hằng", "Đặng Quốc Khánh", "Bùi Thị Lan", "Đỗ Văn Mạnh", "Ngô Thị Ngọc",
	}
)

// record makes one record of a random kind: six daily logs for every two
// difficulties and two training sessions.
func (g *gen) record() record.Record {
	switch n := g.r.IntN(10); {
	case n < 6:
		return g.log()
	case n < 8:
		return g.difficulty()
	default:
		return g.training()
	}
}

// ofKind makes one record of kind k.
func (g *gen) ofKind(k record.Kind) record.Record {
	switch k {
	case record.KindLog:
		return g.log()
	case record.KindDifficulty:
		return g.difficulty()
	}
	return g.training()
}

func (g *gen) date() string {
	return genNow.AddDate(0, 0, -g.r.IntN(730)).Format("2006-01-02")
}

func (g *gen) sentences(bank []string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = pick(g.r, bank)
	}
	return strings.Join(parts, " ")
}

func (g *gen) log() record.Record {
	commune := pick(g.r, g.communes)
	return record.Record{
		Kind:      record.KindLog,
		Date:      g.date(),
		Commune:   commune,
		Activity:  pick(g.r, domain.Activities()).Slug,
		Content:   fmt.Sprintf("%s %s %s. %s", pick(g.r, openings), commune, pick(g.r, subjects), g.sentences(details, 1+g.r.IntN(3))),
		Results:   g.sentences(results, 1+g.r.IntN(2)),
		NextSteps: pick(g.r, nextSteps),
		Partners:  pick(g.r, partners),
	}
}

func (g *gen) difficulty() record.Record {
	cat := pick(g.r, domain.Categories())
	return record.Record{
		Kind:        record.KindDifficulty,
		Date:        g.date(),
		Commune:     pick(g.r, g.communes),
		Category:    cat.Slug,
		Severity:    pick(g.r, domain.Severities()).Slug,
		Title:       "Khó khăn: " + cat.VI + " " + pick(g.r, subjects),
		Description: g.sentences(details, 2+g.r.IntN(3)),
		Proposal:    "Đề nghị Bộ Nội vụ " + strings.TrimPrefix(pick(g.r, nextSteps), "Báo cáo Bộ Nội vụ "),
	}
}

func (g *gen) training() record.Record {
	participants := 20 + g.r.IntN(180)
	return record.Record{
		Kind:         record.KindTraining,
		Date:         g.date(),
		Commune:      "Hội trường " + pick(g.r, g.communes),
		Topic:        pick(g.r, topics),
		Audience:     pick(g.r, audiences),
		Participants: participants,
		Women:        new(g.r.IntN(participants + 1)),
		Trainers:     pick(g.r, trainers) + ", " + pick(g.r, trainers),
		Hours:        new(float64(1+g.r.IntN(8)) / 2 * 2),
		Notes:        g.sentences(details, g.r.IntN(3)),
	}
}

// records makes n records.
func (g *gen) records(n int) []record.Record {
	out := make([]record.Record, n)
	for i := range out {
		out[i] = g.record()
	}
	return out
}
