package i18n

import (
	"errors"
	"strings"
	"time"

	"sotay/record"
	"sotay/vntext"
)

// Keys of sync with headquarters and of the `hq` commands.
const (
	CLICmdSync Key = "cli.cmd.sync"
	CLICmdHQ   Key = "cli.cmd.hq"

	SyncPushing     Key = "sync.pushing"      // records sent, records waiting, bytes
	SyncPulling     Key = "sync.pulling"      // events received
	SyncDone        Key = "sync.done"         // pushed, pulled
	SyncRejected    Key = "sync.rejected"     // how many records HQ refused
	SyncParkedLine  Key = "sync.parked_line"  // id, HQ's reason
	SyncStillQueued Key = "sync.still_queued" // records still waiting
	SyncEnrolled    Key = "sync.enrolled"     // officer id, HQ's URL
	SyncStatusBar   Key = "sync.status_bar"   // for the TUI: "synced %s ago"
	SyncOffline     Key = "sync.offline"
	SyncSyncing     Key = "sync.syncing"

	HQUsage        Key = "hq.usage"
	HQServing      Key = "hq.serving"   // URL, fingerprint
	HQEnrolled     Key = "hq.enrolled"  // name, officer id
	HQRevokedDone  Key = "hq.revoked"   // officer id
	HQResponded    Key = "hq.responded" // record id
	HQNoticeSent   Key = "hq.notice_sent"
	HQNoOfficers   Key = "hq.no_officers"
	HQColOfficer   Key = "hq.col.officer"
	HQColName      Key = "hq.col.name"
	HQColProvince  Key = "hq.col.province"
	HQColLastSync  Key = "hq.col.last_sync"
	HQColRevoked   Key = "hq.col.revoked"
	HQColClient    Key = "hq.col.client" // the sotay version an officer last synced with
	HQAdminDown    Key = "hq.admin_down" // serving without the admin socket
	HQFlagAddr     Key = "hq.flag.addr"
	HQFlagCert     Key = "hq.flag.tls_cert"
	HQFlagKey      Key = "hq.flag.tls_key"
	HQFlagPlain    Key = "hq.flag.plain_http"
	HQFlagURL      Key = "hq.flag.url"
	HQFlagStatus   Key = "hq.flag.status"
	HQFlagText     Key = "hq.flag.text"
	HQFlagTitle    Key = "hq.flag.title"
	HQFlagAuthor   Key = "hq.flag.author"
	HQFlagRate     Key = "hq.flag.rate"
	HQNeedOfficer  Key = "hq.need_officer"
	HQNeedRecord   Key = "hq.need_record"
	HQUnknownSub   Key = "hq.unknown_sub"
	HQNeedSub      Key = "hq.need_sub"
	HQCertBoth     Key = "hq.cert_both"
	HQPlainNoURL   Key = "hq.plain_no_url"
	HQNeedNameProv Key = "hq.need_name_province"

	SyncWaiting     Key = "sync.waiting"      // seconds before the next try (rate limit, HQ down)
	HQReissued      Key = "hq.reissued"       // name, officer id
	HQFlagOfficer   Key = "hq.flag.officer"   // enroll --officer
	HQFlagDataDir   Key = "hq.flag.data_dir"  // HQ's own data directory
	HQURLNotHTTPS   Key = "hq.url_not_https"  // serve --url http://...
	HQBadAddr       Key = "hq.bad_addr"       // serve --addr nonsense
	HQOfficerAndNew Key = "hq.officer_or_new" // enroll --officer with --name/--province
	HQUnchanged     Key = "hq.unchanged"      // record id: the status was already that
)

func syncMessages() map[Key]msg {
	return map[Key]msg{
		CLICmdSync: {"gửi và nhận dữ liệu với Tổ công tác một lần", "push to and pull from HQ once"},
		CLICmdHQ:   {"máy chủ Tổ công tác (các lệnh hq … ở trên)", "the HQ server (the hq … commands above)"},

		SyncPushing:     {"Đang gửi: %d/%d bản ghi (%s)", "Sending: %d/%d records (%s)"},
		SyncPulling:     {"Đang nhận: %d sự kiện (%s)", "Receiving: %d events (%s)"},
		SyncDone:        {"Đã đồng bộ: gửi %d bản ghi, nhận %d sự kiện", "Synced. Records sent: %d; events received: %d"},
		SyncRejected:    {"Tổ công tác từ chối %d bản ghi; hãy sửa và lưu lại:", "HQ refused %d records; fix and save them again:"},
		SyncParkedLine:  {"  %s: %s", "  %s: %s"},
		SyncStillQueued: {"Còn %d bản ghi chưa gửi được", "Still waiting to be sent: %d"},
		SyncEnrolled:    {"Đã đăng ký với Tổ công tác: cán bộ %s, máy chủ %s", "Enrolled with HQ: officer %s, server %s"},
		SyncStatusBar:   {"đã đồng bộ %s trước", "synced %s ago"},
		SyncOffline:     {"ngoại tuyến", "offline"},
		SyncSyncing:     {"đang đồng bộ", "syncing"},

		"sync.err.offline":      {"Không kết nối được với Tổ công tác: kiểm tra mạng, dữ liệu vẫn được giữ và sẽ gửi sau", "cannot reach HQ: check the network; nothing is lost and it will be sent later"},
		"sync.err.timeout":      {"Mạng quá chậm hoặc bị ngắt giữa chừng: thử lại sau, dữ liệu vẫn được giữ", "the network is too slow or dropped: try again later; nothing is lost"},
		"sync.err.certificate":  {"Chứng chỉ của máy chủ không khớp mã đăng ký: không gửi dữ liệu; hãy liên hệ Tổ công tác", "HQ's certificate does not match the enrollment code: nothing was sent; contact HQ"},
		"sync.err.unauthorized": {"Tổ công tác không nhận ra mã đăng ký: hãy xin mã mới và chạy «sotay init --hq-code MÃ»", "HQ does not recognise the enrollment: ask HQ for a new code and run «sotay init --hq-code CODE»"},
		"sync.err.revoked":      {"Mã đăng ký đã bị Tổ công tác thu hồi: hãy xin mã mới", "HQ revoked this enrollment: ask HQ for a new code"},
		"sync.err.rate_limited": {"Đồng bộ quá nhiều lần trong một phút: thử lại sau ít phút", "too many syncs in a minute: try again in a few minutes"},
		"sync.err.server":       {"Máy chủ Tổ công tác đang gặp lỗi: thử lại sau, dữ liệu vẫn được giữ", "the HQ server has a problem: try again later; nothing is lost"},
		"sync.err.refused":      {"Tổ công tác từ chối yêu cầu gửi dữ liệu: hãy báo cho Tổ công tác", "HQ refused the request: tell HQ"},
		"sync.err.rejected":     {"Một số bản ghi bị Tổ công tác từ chối: xem lý do, sửa và lưu lại", "HQ refused some records: see why, fix and save them"},
		"sync.err.local":        {"Không đọc/ghi được sổ tay khi đồng bộ", "the notebook could not be read or written during sync"},
		"sync.err.not_enrolled": {"Sổ tay chưa đăng ký với Tổ công tác: chạy «sotay init --hq-code MÃ»", "the notebook is not enrolled with HQ: run «sotay init --hq-code CODE»"},
		"sync.err.bad_code":     {"Mã đăng ký không hợp lệ: hãy sao chép lại toàn bộ mã bắt đầu bằng «sotay1.»", "not a valid enrollment code: copy the whole code starting with «sotay1.» again"},

		HQUsage: {"Cách dùng: sotay hq <lệnh>\n  serve [--addr ĐỊA-CHỈ] [--tls-cert F --tls-key F] [--plain-http --url URL]\n  enroll --name TÊN --province TỈNH [--url URL]\n  enroll --officer MÃ-CÁN-BỘ [--url URL]   (cấp lại mã, mã cũ hết hiệu lực)\n  revoke MÃ-CÁN-BỘ\n  respond MÃ-BẢN-GHI [--status S] [--text T]\n  review MÃ-BẢN-GHI --state has_issues|approved|reopen [--comment C]\n  thread MÃ-BẢN-GHI [--json]\n  notice --title T --text T\n  officers [--json]\n  export [--format xlsx|csv] [--table BẢNG] [--from NGÀY] [--to NGÀY] [-o TỆP]\n  report [--week [NGÀY] | --month [YYYY-MM]] [--format md|docx] [-o TỆP]   (báo cáo của Tổ công tác)\n  user add|list|disable|reset …   (người dùng trang làm việc trên trình duyệt)\nThư mục dữ liệu: --data-dir, hoặc SOTAY_HQ_DATA_DIR, mặc định thư mục dữ liệu người dùng + sotay-hq.",
			"Usage: sotay hq <command>\n  serve [--addr ADDR] [--tls-cert F --tls-key F] [--plain-http --url URL]\n  enroll --name NAME --province SLUG [--url URL]\n  enroll --officer OFFICER [--url URL]   (re-issue; the old code stops)\n  revoke OFFICER\n  respond RECORD-ID [--status S] [--text T]\n  review RECORD-ID --state has_issues|approved|reopen [--comment C]\n  thread RECORD-ID [--json]\n  notice --title T --text T\n  officers [--json]\n  export [--format xlsx|csv] [--table TABLE] [--from DATE] [--to DATE] [-o FILE]\n  report [--week [DATE] | --month [YYYY-MM]] [--format md|docx] [-o FILE]   (the working group's report)\n  user add|list|disable|reset …   (people of the workspace in the browser)\nData directory: --data-dir, else SOTAY_HQ_DATA_DIR, else the OS per-user data directory + sotay-hq."},
		HQServing:       {"Máy chủ Tổ công tác đang chạy tại %s (vân tay chứng chỉ %s)", "HQ is serving at %s (certificate fingerprint %s)"},
		HQEnrolled:      {"Mã đăng ký của %s (cán bộ %s) — gửi riêng cho cán bộ, chỉ hiện một lần:", "Enrollment code for %s (officer %s) — give it privately; it is shown once:"},
		HQRevokedDone:   {"Đã thu hồi mã đăng ký của cán bộ %s", "Revoked officer %s's token"},
		HQResponded:     {"Đã trả lời bản ghi %s; cán bộ nhận được ở lần đồng bộ sau", "Answered record %s; the officer gets it on the next sync"},
		"hq.status_set": {"Đã chuyển bản ghi %s sang trạng thái «%s»; cán bộ nhận được ở lần đồng bộ sau", "Record %s is now «%s»; the officer gets it on the next sync"},
		HQUnchanged:     {"Bản ghi %s đã ở trạng thái này: không có gì thay đổi", "Record %s already has that status: nothing changed"},
		SyncWaiting:     {"Chờ %d giây rồi thử lại (Tổ công tác bận hoặc mạng gián đoạn)…", "Waiting %d seconds before trying again (HQ is busy or the network dropped)…"},
		HQReissued:      {"Mã đăng ký mới của %s (cán bộ %s) — mã cũ không còn dùng được; gửi riêng cho cán bộ, chỉ hiện một lần:", "New enrollment code for %s (officer %s) — the old one no longer works; give it privately; it is shown once:"},
		HQFlagOfficer:   {"cấp lại mã cho cán bộ đã có (mã cũ hết hiệu lực, bản ghi vẫn giữ nguyên)", "re-issue a code for an existing officer (the old code stops; records stay theirs)"},
		HQFlagDataDir:   {"thư mục dữ liệu của Tổ công tác", "HQ's data directory"},
		HQURLNotHTTPS:   {"--url phải là địa chỉ https (mã đăng ký không gửi mã bí mật qua http)", "--url must be an https address (codes never send the token over http)"},
		HQBadAddr:       {"Địa chỉ lắng nghe không hợp lệ «%s» (ví dụ :8443 hoặc 127.0.0.1:8443)", "bad listen address «%s» (e.g. :8443 or 127.0.0.1:8443)"},
		HQOfficerAndNew: {"--officer cấp lại mã cho cán bộ đã có: không dùng cùng --name, --province", "--officer re-issues an existing officer's code: not with --name or --province"},

		"sync.err.hq_too_old":           {"Máy chủ Tổ công tác đang chạy phiên bản cũ, chưa nhận được trao đổi, đánh giá và xác nhận của sổ tay này: dữ liệu vẫn được giữ; hãy đề nghị Tổ công tác cập nhật máy chủ", "HQ's server runs an older sotay that cannot take this notebook's follow-ups, reviews and receipts: nothing is lost; ask HQ to update its server"},
		"sync.err.hq_too_old.detail":    {"Máy chủ Tổ công tác đang chạy phiên bản cũ (%s), chưa nhận được trao đổi, đánh giá và xác nhận của sổ tay này: dữ liệu vẫn được giữ; hãy đề nghị Tổ công tác cập nhật máy chủ", "HQ's server runs an older sotay (%s) that cannot take this notebook's follow-ups, reviews and receipts: nothing is lost; ask HQ to update its server"},
		"sync.err.hq_no_files":          {"Máy chủ Tổ công tác đang chạy phiên bản cũ, chưa nhận được tệp đính kèm: các bản ghi vẫn được gửi, tệp được giữ trên máy này và sẽ gửi sau; hãy đề nghị Tổ công tác cập nhật máy chủ", "HQ's server runs an older sotay that cannot receive attached files: records still go, the files wait on this laptop and go later; ask HQ to update its server"},
		"sync.err.hq_no_files.detail":   {"Máy chủ Tổ công tác đang chạy phiên bản cũ (%s), chưa nhận được tệp đính kèm: các bản ghi vẫn được gửi, tệp được giữ trên máy này và sẽ gửi sau; hãy đề nghị Tổ công tác cập nhật máy chủ", "HQ's server runs an older sotay (%s) that cannot receive attached files: records still go, the files wait on this laptop and go later; ask HQ to update its server"},
		"sync.err.other_officer":        {"Mã đăng ký này của cán bộ khác: sổ tay đã gửi bản ghi dưới mã cán bộ cũ. Hãy đề nghị Tổ công tác cấp lại mã cho mã cán bộ cũ", "this code is for another officer: the notebook's records went to HQ under its old officer id. Ask HQ to re-issue a code for the old id"},
		"sync.err.other_officer.detail": {"Mã đăng ký này của cán bộ khác: sổ tay đã gửi bản ghi dưới mã cán bộ %s. Hãy đề nghị Tổ công tác cấp lại mã («sotay hq enroll --officer %[1]s»)", "this code is for another officer: the notebook's records went to HQ as officer %s. Ask HQ to re-issue a code («sotay hq enroll --officer %[1]s»)"},

		"parked.invalid":       {"Bản ghi không hợp lệ theo quy định của Tổ công tác: hãy kiểm tra và lưu lại", "the record breaks HQ's rules: check it and save again"},
		"parked.other_officer": {"Tổ công tác giữ bản ghi này dưới mã cán bộ khác: hãy đề nghị Tổ công tác cấp lại mã cho đúng cán bộ («sotay hq enroll --officer»)", "HQ holds this record under another officer: ask HQ to re-issue the right officer's code («sotay hq enroll --officer»)"},
		"parked.too_large":     {"Bản ghi quá lớn để gửi: hãy rút gọn nội dung", "the record is too large to send: shorten it"},
		"parked.bad_id":        {"Mã bản ghi không hợp lệ: hãy tạo lại bản ghi", "the record's id is not valid: make the record again"},
		"parked.bad_rev":       {"Số phiên bản của bản ghi không hợp lệ: hãy sửa và lưu lại", "the record's revision number is not valid: edit and save it again"},
		"parked.not_record":    {"Tổ công tác không đọc được bản ghi: hãy sửa và lưu lại", "HQ could not read the record: edit and save it again"},
		"parked.kind_changed":  {"Tổ công tác giữ bản ghi này với loại khác: hãy tạo bản ghi mới", "HQ holds this record as another kind: make a new record"},
		HQNoticeSent:           {"Đã gửi thông báo tới mọi cán bộ", "Notice sent to every officer"},
		HQNoOfficers:           {"Chưa có cán bộ nào đăng ký", "No officer is enrolled yet"},
		HQColOfficer:           {"Mã cán bộ", "Officer"},
		HQColName:              {"Họ tên", "Name"},
		HQColProvince:          {"Tỉnh", "Province"},
		HQColLastSync:          {"Đồng bộ lần cuối", "Last sync"},
		HQColRevoked:           {"đã thu hồi", "revoked"},
		HQColClient:            {"Phiên bản", "Version"},
		HQAdminDown:            {"Cảnh báo: không tạo được socket quản trị (xem hq.log); máy chủ vẫn phục vụ cán bộ, nhưng các lệnh «sotay hq …» chỉ chạy được khi máy chủ đã dừng", "warning: the admin socket could not be created (see hq.log); HQ still serves the officers, but «sotay hq …» commands only run with the server stopped"},
		HQFlagAddr:             {"địa chỉ lắng nghe (mặc định :8443)", "listen address (default :8443)"},
		HQFlagCert:             {"tệp chứng chỉ TLS (mặc định: tự tạo trong thư mục dữ liệu)", "TLS certificate file (default: self-signed, kept in the data directory)"},
		HQFlagKey:              {"tệp khóa TLS", "TLS key file"},
		HQFlagPlain:            {"chạy HTTP không mã hóa, chỉ khi có proxy TLS phía trước", "serve plain HTTP, only behind a TLS proxy"},
		HQFlagURL:              {"địa chỉ công khai ghi trong mã đăng ký", "the public URL enrollment codes carry"},
		HQFlagStatus:           {"trạng thái mới của khó khăn", "the difficulty's new status"},
		HQFlagText:             {"nội dung", "text"},
		HQFlagTitle:            {"tiêu đề", "title"},
		HQFlagAuthor:           {"người trả lời", "who answers"},
		HQFlagRate:             {"số yêu cầu tối đa mỗi phút của một cán bộ", "most requests per officer per minute"},
		HQNeedOfficer:          {"Thiếu mã cán bộ (xem «sotay hq officers»)", "an officer id is required (see «sotay hq officers»)"},
		HQNeedRecord:           {"Thiếu mã bản ghi", "a record id is required"},
		HQUnknownSub:           {"Không có lệnh «hq %s»", "no command «hq %s»"},
		HQNeedSub:              {"Cần một lệnh: sotay hq serve|enroll|revoke|respond|notice|officers|export", "a command is required: sotay hq serve|enroll|revoke|respond|notice|officers|export"},
		HQCertBoth:             {"Cần cả --tls-cert và --tls-key", "--tls-cert and --tls-key go together"},
		HQPlainNoURL:           {"--plain-http cần --url (địa chỉ https của proxy)", "--plain-http needs --url (the proxy's https address)"},
		HQNeedNameProv:         {"Cần --name và --province (--name and --province are required)", "--name and --province are required"},

		"hq.err.locked":         {"Cơ sở dữ liệu Tổ công tác đang được dùng bởi tiến trình khác", "the HQ database is in use by another process"},
		"hq.err.no_officer":     {"Không có cán bộ này", "no such officer"},
		"hq.err.revoked":        {"Mã đăng ký đã bị thu hồi", "the token was revoked"},
		"hq.err.bad_token":      {"Mã đăng ký sai", "wrong token"},
		"hq.err.no_record":      {"Tổ công tác không có bản ghi này", "HQ has no such record"},
		"hq.err.not_difficulty": {"Bản ghi không phải khó khăn, vướng mắc", "the record is not a difficulty"},
		"hq.err.bad_status":     {"Trạng thái không hợp lệ (new, acknowledged, in_progress, answered, resolved)", "unknown status (new, acknowledged, in_progress, answered, resolved)"},
		"hq.err.bad_province":   {"Không có tỉnh này (xem danh sách 34 tỉnh, thành phố)", "unknown province (see the 34 provinces)"},
		"hq.err.empty":          {"Thiếu nội dung", "text is required"},
		"hq.err.too_long":       {"Nội dung quá dài", "text too long"},
		"hq.err.not_https":      {"Mã đăng ký chỉ dùng địa chỉ https: thêm --url https://… (địa chỉ của proxy TLS)", "enrollment codes carry an https URL: pass --url https://… (the TLS proxy's address)"},
		"hq.err.no_admin_socket": {"Máy chủ Tổ công tác đang chạy nhưng không nhận lệnh quản trị (không tạo được socket quản trị, xem hq.log): hãy dừng máy chủ, chạy lại lệnh này (khi máy chủ dừng, lệnh mở thẳng cơ sở dữ liệu), rồi khởi động lại máy chủ",
			"the HQ server is running but cannot take admin commands (its admin socket could not be created, see hq.log): stop the server, run this command again (with the server stopped it opens the database directly), then start the server again"},
		"hq.err.no_url":     {"Chưa biết địa chỉ công khai của máy chủ: thêm --url hoặc chạy «sotay hq serve» một lần", "HQ's public URL is not known: pass --url or run «sotay hq serve» once"},
		"hq.err.not_served": {"Chưa biết địa chỉ công khai của máy chủ: chạy «sotay hq serve» một lần rồi tạo lại liên kết", "HQ's public URL is not known: run «sotay hq serve» once, then make the link again"},
	}
}

// SyncError names a sync failure kind (SyncState.LastError, sync.Error's
// kind) in words an officer can act on; an unknown kind is returned as is.
func (c Catalog) SyncError(kind string) string {
	if kind == "" {
		return ""
	}
	if Has(Key("sync.err." + kind)) {
		return c.T(Key("sync.err." + kind))
	}
	return kind
}

// syncError finds the words for errors of the sync and hq packages, which
// carry their kind or code (this package does not import them).
func (c Catalog) syncError(err error) (string, bool) {
	var se interface{ SyncKind() string }
	if errors.As(err, &se) && Has(Key("sync.err."+se.SyncKind())) {
		var sd interface{ SyncDetail() string }
		if errors.As(err, &sd) && sd.SyncDetail() != "" && Has(Key("sync.err."+se.SyncKind()+".detail")) {
			return c.T(Key("sync.err."+se.SyncKind()+".detail"), vntext.ForTerminal(sd.SyncDetail())), true
		}
		return c.T(Key("sync.err." + se.SyncKind())), true
	}
	var he interface{ HQCode() string }
	if errors.As(err, &he) && Has(Key("hq.err."+he.HQCode())) {
		return c.T(Key("hq.err." + he.HQCode())), true
	}
	return "", false
}

// Refused is a record HQ refused as the notebook keeps it
// (store.ParkedRecord, which this package does not import): HQ's code, the
// fields that break the rules, HQ's own words.
type Refused interface {
	Refusal() (code string, fields []*record.FieldError, reason string)
}

// ParkedReason words why HQ refused a parked record: each field's problem
// as the notebook's own validation words it, or the refusal's code. A code
// this build does not know shows HQ's own words, stripped for a terminal.
func (c Catalog) ParkedReason(p Refused) string {
	code, fields, reason := p.Refusal()
	if len(fields) > 0 {
		parts := make([]string, len(fields))
		for i, f := range fields {
			parts[i] = vntext.ForTerminal(c.Problem(f))
		}
		// HQ's hint that the date is the wrong clock's "today".
		if h, ok := p.(interface{ ClockHint() time.Duration }); ok && h.ClockHint() > 0 {
			parts = append(parts, c.T(ClockParked, c.Span(h.ClockHint())))
		}
		return strings.Join(parts, "; ")
	}
	if k := Key("parked." + code); code != "" && Has(k) {
		return c.T(k)
	}
	if r := strings.TrimSpace(vntext.ForTerminal(reason)); r != "" {
		return r
	}
	return c.T("parked.invalid")
}
