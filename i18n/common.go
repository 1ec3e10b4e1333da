package i18n

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"

	"sotay/domain"
	"sotay/record"
)

// Keys shared by every front end.
const (
	KindLog        Key = "kind.log"
	KindDifficulty Key = "kind.difficulty"
	KindTraining   Key = "kind.training"

	ErrLocked     Key = "err.locked"
	ErrNotFound   Key = "err.not_found"
	ErrDeleted    Key = "err.deleted"
	ErrBadID      Key = "err.bad_id"
	ErrNoProfile  Key = "err.no_profile"
	ErrTooNew     Key = "err.too_new"
	ErrInternal   Key = "err.internal"
	ErrDiskFull   Key = "err.disk_full"
	ErrReadOnly   Key = "err.read_only"
	ErrPermission Key = "err.permission"
	ErrNoSuchPath Key = "err.no_such_path"
	ErrIsDir      Key = "err.is_dir"

	ProblemRequired Key = "problem.required"
	ProblemChoice   Key = "problem.unknown_value"
	ProblemDate     Key = "problem.bad_date"
	ProblemFuture   Key = "problem.future_date"
	ProblemPast     Key = "problem.past_date"
	ProblemNumber   Key = "problem.not_a_number"
	ProblemNegative Key = "problem.negative"
	ProblemRange    Key = "problem.out_of_range"
	ProblemWomen    Key = "problem.women_exceed"
	ProblemTooLong  Key = "problem.too_long"
	ProblemUTF8     Key = "problem.invalid_utf8"
)

func common() map[Key]msg {
	m := map[Key]msg{
		KindLog:        {"Nhật ký công tác", "Work log"},
		KindDifficulty: {"Khó khăn, vướng mắc", "Difficulty"},
		KindTraining:   {"Tập huấn", "Training"},

		ErrLocked:     {"Sổ tay đang được mở ở một cửa sổ khác", "the notebook is already open in another window"},
		ErrNotFound:   {"Không tìm thấy bản ghi", "record not found"},
		ErrDeleted:    {"Bản ghi đã bị xóa", "the record was deleted"},
		ErrBadID:      {"Mã bản ghi không hợp lệ", "not a record id"},
		ErrNoProfile:  {"Sổ tay chưa được thiết lập: hãy chạy «sotay init --name … --province …»", "the notebook is not set up yet: run «sotay init --name … --province …»"},
		ErrTooNew:     {"Sổ tay được ghi bởi phiên bản sotay mới hơn; hãy cập nhật sotay", "the notebook was written by a newer sotay; update sotay"},
		ErrInternal:   {"Lỗi: %s", "error: %s"},
		ErrDiskFull:   {"Ổ đĩa đã đầy, không ghi được %s: hãy giải phóng chỗ trống rồi thử lại", "the disk is full, could not write %s: free some space and try again"},
		ErrReadOnly:   {"Ổ đĩa chỉ cho phép đọc, không ghi được %s", "the disk is read-only, could not write %s"},
		ErrPermission: {"Không có quyền truy cập %s", "no permission to use %s"},
		ErrNoSuchPath: {"Không tìm thấy tệp hoặc thư mục %s", "no such file or folder: %s"},
		ErrIsDir:      {"%s là một thư mục, cần tên tệp", "%s is a folder; give a file name"},

		ProblemRequired: {"«%s» là bắt buộc", "«%s» is required"},
		ProblemChoice:   {"«%s»: giá trị «%s» không hợp lệ (chọn một trong: %s)", "«%s»: unknown value «%s» (one of: %s)"},
		ProblemDate:     {"«%s»: «%s» không phải ngày (dd/mm/yyyy)", "«%s»: «%s» is not a date (dd/mm/yyyy)"},
		ProblemFuture:   {"«%s»: ngày %s ở quá xa trong tương lai", "«%s»: %s is too far in the future"},
		ProblemPast:     {"«%s»: ngày %s quá xa trong quá khứ", "«%s»: %s is too far in the past"},
		ProblemNumber:   {"«%s»: «%s» không phải là số", "«%s»: «%s» is not a number"},
		ProblemNegative: {"«%s»: không được là số âm", "«%s»: must not be negative"},
		ProblemRange:    {"«%s»: %s vượt quá giới hạn %d", "«%s»: %s is over the limit of %d"},
		ProblemWomen:    {"«%s»: số nữ không được lớn hơn số người tham dự", "«%s»: more women than participants"},
		ProblemTooLong:  {"«%s»: dài quá %d ký tự", "«%s»: longer than %d characters"},
		ProblemUTF8:     {"«%s»: văn bản không hợp lệ (không phải UTF-8)", "«%s»: invalid text (not UTF-8)"},
	}
	for name, labels := range fieldLabels() {
		m[Key("field."+name)] = labels
	}
	return m
}

// fieldLabels are the officer-facing names of the record fields and the
// profile fields.
func fieldLabels() map[string]msg {
	return map[string]msg{
		"date":         {"Ngày", "Date"},
		"commune":      {"Xã/phường", "Commune"},
		"activity":     {"Loại hoạt động", "Activity"},
		"content":      {"Nội dung công việc", "What was done"},
		"results":      {"Kết quả", "Results"},
		"next_steps":   {"Hướng tiếp theo", "Next steps"},
		"partners":     {"Đơn vị, người làm việc cùng", "Worked with"},
		"category":     {"Lĩnh vực", "Category"},
		"severity":     {"Mức độ", "Severity"},
		"title":        {"Tiêu đề", "Title"},
		"description":  {"Mô tả", "Description"},
		"proposal":     {"Đề xuất", "Proposal"},
		"status":       {"Trạng thái", "Status"},
		"responses":    {"Trả lời của Tổ công tác", "HQ's answers"},
		"topic":        {"Chủ đề", "Topic"},
		"audience":     {"Đối tượng", "Audience"},
		"participants": {"Số người tham dự", "Participants"},
		"women":        {"Trong đó nữ", "Women"},
		"trainers":     {"Giảng viên", "Trainers"},
		"hours":        {"Số giờ", "Hours"},
		"notes":        {"Ghi chú, đánh giá", "Notes"},
		"name":         {"Họ và tên", "Name"},
		"province":     {"Tỉnh/thành phố", "Province"},
		"position":     {"Chức vụ", "Position"},
		"kind":         {"Loại bản ghi", "Kind"},
	}
}

// Kind names a record kind.
func (c Catalog) Kind(k record.Kind) string { return c.T(Key("kind." + string(k))) }

// Field names a field.
func (c Catalog) Field(name string) string { return c.T(Key("field." + name)) }

// Term is the label of an enumerated value in the catalog's language.
func (c Catalog) Term(t domain.Term) string { return t.Label(string(c.Lang)) }

// Problem describes one field's problem in words.
func (c Catalog) Problem(fe *record.FieldError) string {
	name := c.Field(fe.Field)
	if s, ok := c.attachProblem(fe); ok {
		return s
	}
	switch fe.Problem {
	case record.ProblemRequired, record.ProblemNegative, record.ProblemWomen, record.ProblemUTF8:
		return c.T(Key("problem."+string(fe.Problem)), name)
	case record.ProblemTooLong:
		return c.T(ProblemTooLong, name, fe.Limit)
	case record.ProblemRange:
		return c.T(ProblemRange, name, fe.Value, fe.Limit)
	case record.ProblemChoice:
		return c.T(ProblemChoice, name, fe.Value, strings.Join(fe.Allowed, ", "))
	}
	return c.T(Key("problem."+string(fe.Problem)), name, fe.Value)
}

// Error turns an error into one line an officer understands, in the
// catalog's language. Errors it does not know keep their own text.
// BothError gives it in both languages.
func (c Catalog) Error(err error) string {
	if ve, ok := record.AsValidation(err); ok {
		parts := make([]string, len(ve.Fields))
		for i, fe := range ve.Fields {
			parts[i] = c.Problem(fe)
		}
		return strings.Join(parts, "; ")
	}
	// The notebook's errors carry their code (this package does not
	// import store): ErrLocked, ErrNotFound, ErrDeleted, ErrNoProfile,
	// ErrTooNew.
	var se interface{ StoreCode() string }
	if errors.As(err, &se) && Has(Key("err."+se.StoreCode())) {
		return c.T(Key("err." + se.StoreCode()))
	}
	if errors.Is(err, record.ErrBadID) {
		return c.T(ErrBadID)
	}
	if s, ok := c.syncError(err); ok {
		return s
	}
	if s, ok := c.osError(err); ok {
		return s
	}
	return c.T(ErrInternal, err.Error())
}

// osError words the file-system errors an officer can act on: a missing
// folder, no permission, a full or read-only disk. The path is kept; Go's
// own wording of the system call is not.
func (c Catalog) osError(err error) (string, bool) {
	path := ""
	var pe *fs.PathError
	if errors.As(err, &pe) {
		path = pe.Path
	}
	for _, known := range []struct {
		err error
		key Key
	}{
		{syscall.ENOSPC, ErrDiskFull},
		{syscall.EROFS, ErrReadOnly},
		{fs.ErrPermission, ErrPermission},
		{fs.ErrNotExist, ErrNoSuchPath},
		{syscall.EISDIR, ErrIsDir},
	} {
		if errors.Is(err, known.err) {
			return c.T(known.key, path), true
		}
	}
	return "", false
}

// BothError is Error in Vietnamese followed by English in parentheses (or
// English alone in English), for one-line command-line errors.
func (c Catalog) BothError(err error) string {
	if c.Lang == EN {
		return c.Error(err)
	}
	vi, en := c.Error(err), New(EN).Error(err)
	if vi == en || vi == c.T(ErrInternal, err.Error()) {
		return vi // an error we have no words for: its own text, once
	}
	return vi + " (" + en + ")"
}
