package i18n

// Keys of the working group's report to the Ministry's leadership (hq,
// `sotay hq report`): an administrative document, always written in
// Vietnamese, in the Decree 30 layout of the officer's report, whose
// header, title and section words (report.*) it shares.
const (
	WGDefaultIssuer     Key = "wg.default.issuer"
	WGDefaultCode       Key = "wg.default.code"
	WGDefaultPlace      Key = "wg.default.place"
	WGDefaultSigner     Key = "wg.default.signer"
	WGDefaultRecipients Key = "wg.default.recipients"
	WGSummaryAll        Key = "wg.summary.all"
	WGSummarySome       Key = "wg.summary.some"

	WGOverview      Key = "wg.overview"
	WGOverviewEmpty Key = "wg.overview_empty"
	WGWomen         Key = "wg.women"
	WGWomenSome     Key = "wg.women_some"
	WGAnsweredOpen  Key = "wg.answered_open"
	WGStaleNone     Key = "wg.stale.none"
	WGStale         Key = "wg.stale"
	WGStaleAt       Key = "wg.stale.at"
	WGStaleNever    Key = "wg.stale.never"
	WGNoOfficer     Key = "wg.no_officer"

	WGByProvince     Key = "wg.by_province"
	WGColProvince    Key = "wg.col.province"
	WGColSessions    Key = "wg.col.sessions"
	WGColTrainings   Key = "wg.col.trainings"
	WGColPeople      Key = "wg.col.people"
	WGColWomen       Key = "wg.col.women"
	WGColOpened      Key = "wg.col.opened"
	WGColAnswered    Key = "wg.col.answered"
	WGColOpen        Key = "wg.col.open"
	WGSpeedHeading   Key = "wg.speed.heading"
	WGSpeed          Key = "wg.speed"
	WGSpeedNone      Key = "wg.speed.none"
	WGColSeverity    Key = "wg.col.severity"
	WGColMedian      Key = "wg.col.median"
	WGColP90         Key = "wg.col.p90"
	WGColWaiting     Key = "wg.col.waiting"
	WGHours          Key = "wg.hours"
	WGDays           Key = "wg.days"
	WGDiffByCategory Key = "wg.diff.by_category"
	WGDiffEmpty      Key = "wg.diff.empty"
	WGColTotal       Key = "wg.col.total"
	WGColOpenNow     Key = "wg.col.open_now"
	WGAnswersGiven   Key = "wg.answers.given"
	WGAnswerCategory Key = "wg.answer.category"
	WGAnswerItem     Key = "wg.answer.item"
	WGAnswerText     Key = "wg.answer.text"
	WGMore           Key = "wg.more"
	WGOverdueHeading Key = "wg.overdue.heading"
	WGOverdueNone    Key = "wg.overdue.none"
	WGOverdue        Key = "wg.overdue"
	WGOverdueItem    Key = "wg.overdue.item"
	WGUrgentOpened   Key = "wg.urgent.opened"
	WGProposals      Key = "wg.proposals"
	WGProposalsNone  Key = "wg.proposals.none"
	WGProposalItem   Key = "wg.proposal.item"
	WGProposalsMore  Key = "wg.proposals.more"

	WGAssessPrefill   Key = "wg.assess.prefill"
	WGAssessSpeed     Key = "wg.assess.speed"
	WGAssessStale     Key = "wg.assess.stale"
	WGProposeOverdue  Key = "wg.propose.overdue"
	WGProposeCategory Key = "wg.propose.category"
	WGTaskFollow      Key = "wg.task.follow"
	WGTaskSync        Key = "wg.task.sync"
	WGTaskGuide       Key = "wg.task.guide"

	CLIHQReportUsage Key = "cli.hq_report.usage"
	CLIFlagWGSigner  Key = "cli.flag.wg_signer"
)

func wgMessages() map[Key]msg {
	return map[Key]msg{
		WGDefaultIssuer:     {"TỔ CÔNG TÁC\nTHƯỜNG TRỰC", "STANDING\nWORKING GROUP"},
		WGDefaultCode:       {"TCTTT", "TCTTT"},
		WGDefaultPlace:      {"Hà Nội", "Hà Nội"},
		WGDefaultSigner:     {"TỔ TRƯỞNG", "HEAD OF THE GROUP"},
		WGDefaultRecipients: {"- Bộ trưởng (để báo cáo);\n- Các Thứ trưởng (để biết);\n- Các công chức biệt phái;\n- Lưu: VT, TCTTT.", "- The Minister (to report);\n- The Deputy Ministers (for information);\n- The seconded officers;\n- Filed: VT, TCTTT."},
		WGSummaryAll:        {"Tình hình hỗ trợ vận hành chính quyền địa phương hai cấp tại các tỉnh, thành phố", "Support to the two-tier local government in the provinces"},
		WGSummarySome:       {"Tình hình hỗ trợ vận hành chính quyền địa phương hai cấp tại %s", "Support to the two-tier local government in %s"},

		WGWomen:         {"%s nữ", "%s women"},
		WGWomenSome:     {"%s nữ; %s lớp chưa ghi số nữ", "%s women; %s trainings without women recorded"},
		WGOverview:      {"%s, %s công chức biệt phái tại %s tỉnh, thành phố đã thực hiện %s buổi làm việc với cơ sở, tổ chức %s lớp tập huấn cho %s lượt người (trong đó %s); ghi nhận %s khó khăn, vướng mắc mới.", "In %s, %s seconded officers in %s provinces held %s working sessions, ran %s trainings for %s participants (%s) and recorded %s new difficulties."},
		WGOverviewEmpty: {"%s, chưa có công chức biệt phái nào gửi dữ liệu về Tổ công tác.", "In %s, no seconded officer sent anything to the working group."},
		WGAnsweredOpen:  {"Tổ công tác đã trả lời %s khó khăn, vướng mắc; hiện còn %s khó khăn, vướng mắc chưa được trả lời, trong đó %s khẩn cấp.", "The working group answered %s difficulties; %s still wait for an answer, %s of them urgent."},
		WGStaleNone:     {"Tất cả công chức biệt phái đã đồng bộ dữ liệu trong %d ngày qua.", "Every seconded officer synced within the last %d days."},
		WGStale:         {"%d tỉnh, thành phố chưa đồng bộ dữ liệu quá %d ngày: %s.", "%d provinces have not synced for over %d days: %s."},
		WGStaleAt:       {"%s (lần cuối ngày %s)", "%s (last on %s)"},
		WGStaleNever:    {"%s (chưa đồng bộ)", "%s (never synced)"},
		WGNoOfficer:     {"%s (chưa có công chức biệt phái)", "%s (no officer enrolled)"},

		WGByProvince:     {"1. Kết quả theo tỉnh, thành phố", "1. By province"},
		WGColProvince:    {"Tỉnh, thành phố", "Province"},
		WGColSessions:    {"Buổi làm việc", "Sessions"},
		WGColTrainings:   {"Lớp tập huấn", "Trainings"},
		WGColPeople:      {"Người dự", "Participants"},
		WGColWomen:       {"Nữ", "Women"},
		WGColOpened:      {"KK mới", "New"},
		WGColAnswered:    {"Đã trả lời", "Answered"},
		WGColOpen:        {"Còn tồn", "Open"},
		WGSpeedHeading:   {"2. Thời gian trả lời khó khăn, vướng mắc", "2. How fast the group answers"},
		WGSpeed:          {"Trong kỳ, Tổ công tác trả lời lần đầu %s khó khăn, vướng mắc; thời gian từ khi tiếp nhận đến khi trả lời: trung vị %s, 90%% được trả lời trong vòng %s.", "In the period the group gave a first answer to %s difficulties; from arrival to answer: median %s, 90%% within %s."},
		WGSpeedNone:      {"Trong kỳ, Tổ công tác chưa trả lời khó khăn, vướng mắc nào.", "In the period the group answered no difficulty."},
		WGColSeverity:    {"Mức độ", "Severity"},
		WGColMedian:      {"Trung vị", "Median"},
		WGColP90:         {"90%", "90%"},
		WGColWaiting:     {"Đang chờ", "Waiting"},
		WGHours:          {"%s giờ", "%s h"},
		WGDays:           {"%s ngày", "%s days"},
		WGDiffByCategory: {"1. Khó khăn, vướng mắc theo lĩnh vực", "1. Difficulties by category"},
		WGDiffEmpty:      {"Trong kỳ không có khó khăn, vướng mắc mới; không còn khó khăn, vướng mắc chưa được trả lời.", "No new difficulty in the period and none waiting."},
		WGColTotal:       {"Tổng", "Total"},
		WGColOpenNow:     {"Còn tồn", "Open now"},
		WGAnswersGiven:   {"Nội dung trả lời của Tổ công tác trong kỳ:", "The group's answers in the period:"},
		WGAnswerCategory: {"%s (%s):", "%s (%s):"},
		WGAnswerItem:     {"%s: %s (%s, ngày %s)", "%s: %s (%s, %s)"},
		WGAnswerText:     {"Trả lời ngày %s: %s", "Answered on %s: %s"},
		WGMore:           {"(Liệt kê %s; còn %s nội dung khác.)", "(%s listed; %s more.)"},
		WGOverdueHeading: {"2. Khó khăn, vướng mắc khẩn cấp, quá hạn chưa trả lời", "2. Urgent and overdue difficulties"},
		WGOverdueNone:    {"Không có khó khăn, vướng mắc nào quá hạn trả lời.", "No difficulty is overdue."},
		WGOverdue:        {"Có %s khó khăn, vướng mắc chờ trả lời quá hạn (khẩn cấp quá 1 ngày, mức cao quá 3 ngày, trung bình quá 7 ngày, thấp quá 14 ngày):", "%s difficulties wait past their due time (urgent 1 day, high 3 days, medium 7 days, low 14 days):"},
		WGOverdueItem:    {"%s, ngày %s: %s (%s; %s; chờ %s)", "%s, %s: %s (%s; %s; waiting %s)"},
		WGUrgentOpened:   {"Trong kỳ phát sinh %s khó khăn, vướng mắc khẩn cấp, đã trả lời %s.", "%s urgent difficulties arose in the period; %s answered."},
		WGProposals:      {"3. Kiến nghị, đề xuất của công chức biệt phái", "3. Proposals of the seconded officers"},
		WGProposalsNone:  {"Trong kỳ không có kiến nghị, đề xuất.", "No proposal in the period."},
		WGProposalsMore:  {"(Trích %s kiến nghị, ưu tiên khó khăn, vướng mắc mức độ cao; %s khó khăn, vướng mắc khác trong kỳ xem trong tệp tổng hợp.)", "(%s proposals quoted, the most severe difficulties first; %s other difficulties of the period are in the roll-up export.)"},
		WGProposalItem:   {"%s (%s): “%s”", "%s (%s): “%s”"},

		WGAssessPrefill:   {"Các công chức biệt phái duy trì hỗ trợ cơ sở: %s buổi làm việc, %s lớp tập huấn trong kỳ. Tổ công tác đã trả lời %s khó khăn, vướng mắc.", "The seconded officers kept supporting the communes: %s sessions, %s trainings in the period. The group answered %s difficulties."},
		WGAssessSpeed:     {"Thời gian trả lời trung vị %s.", "Median time to answer %s."},
		WGAssessStale:     {"%d tỉnh, thành phố chưa đồng bộ dữ liệu đúng hạn.", "%d provinces did not sync in time."},
		WGProposeOverdue:  {"- Đề nghị các Vụ, đơn vị thuộc Bộ sớm cho ý kiến để trả lời %s khó khăn, vướng mắc quá hạn, trong đó %s khẩn cấp.", "- Ask the Ministry's departments for opinions to answer %s overdue difficulties, %s of them urgent."},
		WGProposeCategory: {"- Tập trung tháo gỡ vướng mắc về %s (%s khó khăn, vướng mắc còn tồn).", "- Concentrate on %s (%s difficulties open)."},
		WGTaskFollow:      {"- Theo dõi, đôn đốc việc trả lời các khó khăn, vướng mắc còn tồn.", "- Follow up the difficulties still open."},
		WGTaskSync:        {"- Đề nghị công chức biệt phái tại %s đồng bộ dữ liệu.", "- Ask the officers in %s to sync."},
		CLIHQReportUsage:  {"Cách dùng: sotay hq report [--week [NGÀY] | --month [YYYY-MM]] [--format md|docx] [-o TỆP]\n\nBáo cáo của Tổ công tác thường trực gửi Lãnh đạo Bộ (thể thức Nghị định 30), đọc từ cơ sở dữ liệu của Tổ công tác (máy chủ đang chạy hay không đều được): số liệu toàn quốc, bảng theo tỉnh, thời gian trả lời, khó khăn theo lĩnh vực kèm nội dung trả lời, khó khăn khẩn cấp, quá hạn, kiến nghị của công chức biệt phái.\nMặc định: báo cáo tuần này, dạng Markdown, in ra màn hình. Dạng docx không có -o thì ghi tệp bao-cao-tct-<kỳ>.docx trong thư mục hiện tại.\nPhần IV–VI được điền sẵn; --assessment, --proposals, --next-tasks thay và lưu lại nội dung đó cho kỳ này (trang làm việc dùng chung); --reset-text bỏ nội dung đã lưu.", "Usage: sotay hq report [--week [DATE] | --month [YYYY-MM]] [--format md|docx] [-o FILE]\n\nThe standing working group's report to the Ministry's leadership (Decree 30 layout), read from HQ's database (whether or not the server runs): national totals, a table by province, how fast HQ answers, difficulties by category with the answers given, urgent and overdue ones, the officers' proposals.\nDefault: this week's report, Markdown, to standard output. docx without -o writes bao-cao-tct-<period>.docx in the current directory.\nSections IV–VI are prefilled; --assessment, --proposals, --next-tasks replace them and keep them for that period (shared with the workspace); --reset-text forgets what was kept."},
		CLIFlagWGSigner:   {"tên người ký báo cáo", "the name of who signs the report"},
		WGTaskGuide:       {"- Tổng hợp các kiến nghị, đề xuất của công chức biệt phái để báo cáo Lãnh đạo Bộ.", "- Gather the officers' proposals for the Ministry's leadership."},
	}
}
