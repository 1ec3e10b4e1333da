package i18n

// Keys of reports: the officer's periodic report (always written in
// Vietnamese, as an administrative document; the English is there for
// readers of the code and of the catalog), the report command and screen,
// and HQ's roll-up.
const (
	ReportPlain             Key = "report.plain"
	ReportDefaultParent     Key = "report.default.parent"
	ReportDefaultIssuer     Key = "report.default.issuer"
	ReportDefaultCode       Key = "report.default.code"
	ReportDefaultSigner     Key = "report.default.signer"
	ReportDefaultRecipients Key = "report.default.recipients"
	ReportProvinceOf        Key = "report.province_of"
	ReportCityOf            Key = "report.city_of"

	ReportNationalTitle Key = "report.national_title"
	ReportMotto         Key = "report.motto"
	ReportNumber        Key = "report.number"
	ReportTitle         Key = "report.title"
	ReportSummary       Key = "report.summary"
	ReportPeriodWeek    Key = "report.period.week"
	ReportPeriodMonth   Key = "report.period.month"
	ReportPeriodRange   Key = "report.period.range"
	ReportRecipients    Key = "report.recipients"

	ReportSection1 Key = "report.section.1"
	ReportSection2 Key = "report.section.2"
	ReportSection3 Key = "report.section.3"
	ReportSection4 Key = "report.section.4"
	ReportSection5 Key = "report.section.5"
	ReportSection6 Key = "report.section.6"

	ReportOverview      Key = "report.overview"
	ReportPartLogs      Key = "report.part.logs"
	ReportPartTrainings Key = "report.part.trainings"
	ReportPartDiffs     Key = "report.part.difficulties"
	ReportOverviewEmpty Key = "report.overview_empty"

	ReportWorkHeading    Key = "report.work.heading"
	ReportWorkTotal      Key = "report.work.total"
	ReportWorkEmpty      Key = "report.work.empty"
	ReportColActivity    Key = "report.col.activity"
	ReportColSessions    Key = "report.col.sessions"
	ReportColCommunes    Key = "report.col.communes"
	ReportColTotal       Key = "report.col.total"
	ReportWorkCommunes   Key = "report.work.communes"
	ReportWorkCommuneN   Key = "report.work.commune_n"
	ReportWorkDetails    Key = "report.work.details"
	ReportWorkItem       Key = "report.work.item"
	ReportWorkResult     Key = "report.work.result"
	ReportMoreItems      Key = "report.more_items"
	ReportTrainHeading   Key = "report.train.heading"
	ReportTrainTotal     Key = "report.train.total"
	ReportTrainWomen     Key = "report.train.women"
	ReportTrainHours     Key = "report.train.hours"
	ReportTrainWomenSome Key = "report.train.women_some"
	ReportTrainWomenNone Key = "report.train.women_none"
	ReportTrainHoursSome Key = "report.train.hours_some"
	ReportTrainHoursNone Key = "report.train.hours_none"
	ReportDuring         Key = "report.during"
	ReportTrainEmpty     Key = "report.train.empty"
	ReportColDate        Key = "report.col.date"
	ReportColPlace       Key = "report.col.place"
	ReportColTopic       Key = "report.col.topic"
	ReportColAudience    Key = "report.col.audience"
	ReportColPeople      Key = "report.col.people"
	ReportColWomen       Key = "report.col.women"
	ReportDiffOverview   Key = "report.diff.overview"
	ReportDiffEmpty      Key = "report.diff.empty"
	ReportDiffByCategory Key = "report.diff.by_category"
	ReportColCategory    Key = "report.col.category"
	ReportDiffDetails    Key = "report.diff.details"
	ReportOutcomeOnSite  Key = "report.outcome.on_site"
	ReportOutcomeHQ      Key = "report.outcome.hq"
	ReportOutcomeWaiting Key = "report.outcome.waiting"
	ReportDiffItem       Key = "report.diff.item"
	ReportDiffProposal   Key = "report.diff.proposal"
	ReportDiffAnswer     Key = "report.diff.answer"
	ReportDiffAnswerBy   Key = "report.diff.answer_by"
	ReportDiffFollowUp   Key = "report.diff.followup"
	ReportDiffResolved   Key = "report.diff.resolved"

	ReportAssessmentPrefill Key = "report.assessment.prefill"
	ReportAssessmentHandled Key = "report.assessment.handled"
	ReportAssessmentEmpty   Key = "report.assessment.empty"
	ReportProposalsEmpty    Key = "report.proposals.empty"
	ReportNextTasksEmpty    Key = "report.next_tasks.empty"

	// The command line.
	CLICmdReport            Key = "cli.cmd.report"
	CLIReportUsage          Key = "cli.report.usage"
	CLIFlagWeek             Key = "cli.flag.week"
	CLIFlagMonth            Key = "cli.flag.month"
	CLIFlagReportFormat     Key = "cli.flag.report_format"
	CLIFlagReportOut        Key = "cli.flag.report_out"
	CLIFlagAssessment       Key = "cli.flag.assessment"
	CLIFlagProposals        Key = "cli.flag.proposals"
	CLIFlagNextTasks        Key = "cli.flag.next_tasks"
	CLIFlagResetText        Key = "cli.flag.reset_text"
	CLIFlagReportParent     Key = "cli.flag.report_parent"
	CLIFlagReportIssuer     Key = "cli.flag.report_issuer"
	CLIFlagReportCode       Key = "cli.flag.report_code"
	CLIFlagReportSigner     Key = "cli.flag.report_signer"
	CLIFlagReportRecipients Key = "cli.flag.report_recipients"
	CLIReportOnePeriod      Key = "cli.report.one_period"
	CLIReportBadMonth       Key = "cli.report.bad_month"
	CLIReportBadRange       Key = "cli.report.bad_range"
	CLIReportNeedBoth       Key = "cli.report.need_both"
	CLIFormatVsExt          Key = "cli.format_vs_ext"
	CLIRollupBadTable       Key = "cli.rollup.bad_table"
	CLIHQExportUsage        Key = "cli.hq_export.usage"
	CLIFlagRollupFormat     Key = "cli.flag.rollup_format"
	CLIFlagRollupTable      Key = "cli.flag.rollup_table"
	CLIFlagRollupOut        Key = "cli.flag.rollup_out"

	// The report screen of the TUI.
	UIKeyReport         Key = "ui.key.report"
	UIReportKeyPrev     Key = "ui.report.key.prev"
	UIReportKeyNext     Key = "ui.report.key.next"
	UIReportKeyWeek     Key = "ui.report.key.week"
	UIReportKeyMonth    Key = "ui.report.key.month"
	UIReportKeyEdit     Key = "ui.report.key.edit"
	UIReportKeyDocx     Key = "ui.report.key.docx"
	UIReportKeyMarkdown Key = "ui.report.key.markdown"
	UIReportKeyReset    Key = "ui.report.key.reset"
	UIReportKeySection  Key = "ui.report.key.section"
	UIReportWeek        Key = "ui.report.week"
	UIReportMonth       Key = "ui.report.month"
	UIReportEdited      Key = "ui.report.edited"
	UIReportLoading     Key = "ui.report.loading"
	UIReportEditHint    Key = "ui.report.edit_hint"
	UIReportSaved       Key = "ui.report.saved"
	UIReportWrote       Key = "ui.report.wrote"
	UIReportExists      Key = "ui.report.exists"
	UIReportResetAsk    Key = "ui.report.reset_ask"
	UIReportKeyPeriod   Key = "ui.report.key.period"
	UIReportKeyPick     Key = "ui.report.key.pick"
	UIReportKeyRange    Key = "ui.report.key.range"
	UIReportRange       Key = "ui.report.range"
	UIReportRangeTitle  Key = "ui.report.range.title"
	UIReportRangeFrom   Key = "ui.report.range.from"
	UIReportRangeTo     Key = "ui.report.range.to"
	UIReportRangeHint   Key = "ui.report.range.hint"
	UIReportRangeBad    Key = "ui.report.range.bad_date"
	UIReportRangeEmpty  Key = "ui.report.range.empty"
	UIReportRangeBefore Key = "ui.report.range.before"

	// HQ's roll-up.
	RollupSummarySheet Key = "rollup.sheet.summary"
	RollupColProvince  Key = "rollup.col.province"
	RollupColOfficers  Key = "rollup.col.officers"
	RollupColOfficerID Key = "rollup.col.officer_id"
	RollupColOfficer   Key = "rollup.col.officer"
	RollupColReceived  Key = "rollup.col.received"
	RollupColLogs      Key = "rollup.col.logs"
	RollupColTrainings Key = "rollup.col.trainings"
	RollupColPeople    Key = "rollup.col.participants"
	RollupColWomen     Key = "rollup.col.women"
	RollupColNoWomen   Key = "rollup.col.no_women"
	RollupColDiffs     Key = "rollup.col.difficulties"
	RollupColLastSync  Key = "rollup.col.last_sync"
	RollupColAnswers   Key = "rollup.col.answers"
	RollupColLastReply Key = "rollup.col.last_answer"
	RollupTotal        Key = "rollup.total"
	RollupDiffCategory Key = "rollup.col.diff_category"
	RollupDiffStatus   Key = "rollup.col.diff_status"
)

func reportMessages() map[Key]msg {
	return map[Key]msg{
		ReportPlain:             {"%s", "%s"},
		ReportDefaultParent:     {"BỘ NỘI VỤ", "MINISTRY OF HOME AFFAIRS"},
		ReportDefaultIssuer:     {"TỔ CÔNG TÁC BIỆT PHÁI", "SECONDED WORKING GROUP"},
		ReportDefaultCode:       {"TCTBP", "TCTBP"},
		ReportDefaultSigner:     {"NGƯỜI BÁO CÁO", "REPORTED BY"},
		ReportDefaultRecipients: {"- Lãnh đạo Bộ Nội vụ (để báo cáo);\n- Tổ công tác thường trực Bộ Nội vụ;\n- Ủy ban nhân dân %s (để phối hợp);\n- Lưu: VT.", "- Leadership of the Ministry of Home Affairs (to report);\n- The Ministry's standing working group;\n- People's Committee of %s (to coordinate);\n- Filed: VT."},
		ReportProvinceOf:        {"tỉnh %s", "%s province"},
		ReportCityOf:            {"thành phố %s", "%s city"},

		ReportNationalTitle: {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"},
		ReportMotto:         {"Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"},
		ReportNumber:        {"Số:      /BC-%s", "No.:      /BC-%s"},
		ReportTitle:         {"BÁO CÁO", "REPORT"},
		ReportSummary:       {"Kết quả công tác hỗ trợ vận hành chính quyền địa phương hai cấp tại %s", "Work supporting the two-tier local government in %s"},
		ReportPeriodWeek:    {"tuần từ ngày %s đến ngày %s", "the week from %s to %s"},
		ReportPeriodMonth:   {"tháng %s năm %d", "month %s of %d"},
		ReportPeriodRange:   {"từ ngày %s đến ngày %s", "from %s to %s"},
		ReportRecipients:    {"Nơi nhận:", "Recipients:"},

		ReportSection1: {"I. TÌNH HÌNH CHUNG", "I. GENERAL SITUATION"},
		ReportSection2: {"II. KẾT QUẢ CÔNG TÁC", "II. RESULTS"},
		ReportSection3: {"III. KHÓ KHĂN, VƯỚNG MẮC", "III. DIFFICULTIES"},
		ReportSection4: {"IV. ĐÁNH GIÁ", "IV. ASSESSMENT"},
		ReportSection5: {"V. KIẾN NGHỊ, ĐỀ XUẤT", "V. PROPOSALS"},
		ReportSection6: {"VI. NHIỆM VỤ THỜI GIAN TỚI", "VI. NEXT TASKS"},

		ReportOverview:      {"Thực hiện nhiệm vụ hỗ trợ vận hành chính quyền địa phương hai cấp tại %s, %s, cán bộ biệt phái đã %s.", "Supporting the two-tier local government in %s, %s, the seconded official %s."},
		ReportPartLogs:      {"thực hiện %d buổi làm việc tại %d xã, phường", "held %d working sessions in %d communes and wards"},
		ReportPartTrainings: {"tổ chức %d lớp tập huấn với %d lượt người tham dự", "ran %d training sessions with %d participants"},
		ReportPartDiffs:     {"ghi nhận %d khó khăn, vướng mắc", "recorded %d difficulties"},
		ReportOverviewEmpty: {"%s, sổ tay công tác không ghi nhận buổi làm việc, lớp tập huấn hay khó khăn, vướng mắc nào tại %s.", "%s, the notebook records no working session, training or difficulty in %s."},

		ReportWorkHeading:    {"1. Làm việc với cơ sở", "1. Working sessions"},
		ReportWorkTotal:      {"Tổng số %d buổi làm việc tại %d xã, phường, cụ thể:", "%d working sessions in %d communes and wards:"},
		ReportWorkEmpty:      {"Trong kỳ không có buổi làm việc nào được ghi nhận.", "No working session was recorded in the period."},
		ReportColActivity:    {"Loại hoạt động", "Activity"},
		ReportColSessions:    {"Số buổi", "Sessions"},
		ReportColCommunes:    {"Số xã, phường", "Communes"},
		ReportColTotal:       {"Tổng cộng", "Total"},
		ReportWorkCommunes:   {"Các xã, phường đã làm việc: %s.", "Communes and wards worked in: %s."},
		ReportWorkCommuneN:   {"%s (%d buổi)", "%s (%d sessions)"},
		ReportWorkDetails:    {"Nội dung chủ yếu:", "Main work:"},
		ReportWorkItem:       {"Ngày %s, %s (%s): %s", "%s, %s (%s): %s"},
		ReportWorkResult:     {"Kết quả: %s", "Results: %s"},
		ReportMoreItems:      {"Trên đây là %d mục gần nhất; còn %d mục khác trong kỳ được lưu trong sổ tay công tác.", "Above are the latest %d; %d more of the period are in the notebook."},
		ReportTrainHeading:   {"2. Công tác tập huấn", "2. Training"},
		ReportTrainTotal:     {"Tổ chức %d lớp tập huấn tại %d xã, phường với %d lượt người tham dự", "%d training sessions in %d communes and wards with %d participants"},
		ReportTrainWomen:     {", trong đó có %d nữ (%s%%)", ", %d of them women (%s%%)"},
		ReportTrainWomenSome: {", trong đó có %d nữ (%d lớp chưa ghi số nữ)", ", %d of them women (%d sessions without the number of women)"},
		ReportTrainWomenNone: {", số nữ chưa ghi", ", the number of women not recorded"},
		ReportTrainHoursSome: {"; tổng thời lượng %s giờ (%d lớp chưa ghi số giờ)", "; %s hours in all (%d sessions without their length)"},
		ReportTrainHoursNone: {"; thời lượng chưa ghi", "; length not recorded"},
		ReportDuring:         {"trong %s", "during %s"},
		ReportTrainHours:     {"; tổng thời lượng %s giờ", "; %s hours in all"},
		ReportTrainEmpty:     {"Trong kỳ không tổ chức lớp tập huấn nào.", "No training was held in the period."},
		ReportColDate:        {"Ngày", "Date"},
		ReportColPlace:       {"Địa điểm", "Place"},
		ReportColTopic:       {"Chủ đề", "Topic"},
		ReportColAudience:    {"Đối tượng", "Audience"},
		ReportColPeople:      {"Số người", "People"},
		ReportColWomen:       {"Nữ", "Women"},
		ReportDiffOverview:   {"Trong kỳ ghi nhận %d khó khăn, vướng mắc: %d đã giải quyết tại cơ sở; %d đã được Tổ công tác trả lời; %d đã báo cáo Tổ công tác, đang chờ xử lý.", "%d difficulties in the period: %d resolved on site; %d answered by the working group; %d reported and awaiting an answer."},
		ReportDiffEmpty:      {"Không có khó khăn, vướng mắc phát sinh trong kỳ.", "No difficulty arose in the period."},
		ReportDiffByCategory: {"1. Theo lĩnh vực và mức độ", "1. By category and severity"},
		ReportColCategory:    {"Lĩnh vực", "Category"},
		ReportDiffDetails:    {"2. Tình hình xử lý", "2. How they were handled"},
		ReportOutcomeOnSite:  {"Đã giải quyết tại cơ sở", "Resolved on site"},
		ReportOutcomeHQ:      {"Đã được Tổ công tác trả lời", "Answered by the working group"},
		ReportOutcomeWaiting: {"Đã báo cáo, đang chờ xử lý", "Reported, awaiting an answer"},
		ReportDiffItem:       {"Ngày %s, %s: %s (%s; mức độ: %s; tình trạng: %s).", "%s, %s: %s (%s; severity: %s; status: %s)."},
		ReportDiffProposal:   {"Đề xuất: %s", "Proposal: %s"},
		ReportDiffAnswer:     {"Trả lời của Tổ công tác (ngày %s): %s", "The working group's answer (%s): %s"},
		ReportDiffFollowUp:   {"Cán bộ trao đổi thêm (ngày %s): %s", "The officer's follow-up (%s): %s"},
		ReportDiffResolved:   {"Đã giải quyết tại cơ sở (ngày %s): %s", "Resolved on site (%s): %s"},
		ReportDiffAnswerBy:   {"Trả lời của Tổ công tác (ngày %s, %s): %s", "The working group's answer (%s, %s): %s"},

		ReportAssessmentPrefill: {"Trong kỳ đã %s.", "In the period the official %s."},
		ReportAssessmentHandled: {"Đến nay, %d/%d khó khăn, vướng mắc đã được giải quyết hoặc trả lời.", "So far %d of the %d difficulties have been resolved or answered."},
		ReportAssessmentEmpty:   {"Không có nội dung đánh giá trong kỳ.", "Nothing to assess in the period."},
		ReportProposalsEmpty:    {"Không có kiến nghị, đề xuất.", "No proposals."},
		ReportNextTasksEmpty:    {"Tiếp tục thực hiện nhiệm vụ theo kế hoạch được giao.", "Continue the assigned plan."},

		CLICmdReport:            {"làm báo cáo tuần, tháng hoặc một khoảng thời gian (Markdown, .docx)", "write the weekly, monthly or any-period report (Markdown, .docx)"},
		CLIReportUsage:          {"Cách dùng: sotay report [--week [NGÀY] | --month [YYYY-MM] | --from NGÀY --to NGÀY] [--format md|docx] [-o TỆP]\n\nMặc định: báo cáo tuần này, dạng Markdown, in ra màn hình. Dạng docx không có -o thì ghi tệp bao-cao-<kỳ>.docx trong thư mục hiện tại. Không có --format thì đuôi tệp -o (.md, .docx) chọn định dạng.\nPhần IV–VI được điền sẵn từ đề xuất và hướng tiếp theo; --assessment, --proposals, --next-tasks thay và lưu lại nội dung đó cho kỳ này.", "Usage: sotay report [--week [DATE] | --month [YYYY-MM] | --from DATE --to DATE] [--format md|docx] [-o FILE]\n\nDefault: this week's report, Markdown, to standard output. docx without -o writes bao-cao-<period>.docx in the current directory. Without --format, -o's extension (.md, .docx) picks the format.\nSections IV–VI are prefilled from proposals and next steps; --assessment, --proposals, --next-tasks replace them and keep them for that period."},
		CLIFlagWeek:             {"tuần (thứ Hai–Chủ nhật) chứa NGÀY (mặc định: tuần này)", "the week (Monday–Sunday) containing DATE (default: this week)"},
		CLIFlagMonth:            {"tháng YYYY-MM (mặc định: tháng này)", "the month YYYY-MM (default: this month)"},
		CLIFlagReportFormat:     {"định dạng: md hoặc docx (mặc định: theo đuôi tệp -o, không thì md)", "format: md or docx (default: from -o's extension, else md)"},
		CLIFlagReportOut:        {"ghi vào TỆP (mặc định: màn hình với md, bao-cao-<kỳ>.docx với docx)", "write to FILE (default: standard output for md, bao-cao-<period>.docx for docx)"},
		CLIFlagAssessment:       {"nội dung phần IV. Đánh giá (lưu cho kỳ này)", "text of IV. Assessment (kept for this period)"},
		CLIFlagProposals:        {"nội dung phần V. Kiến nghị, đề xuất (lưu cho kỳ này)", "text of V. Proposals (kept for this period)"},
		CLIFlagNextTasks:        {"nội dung phần VI. Nhiệm vụ thời gian tới (lưu cho kỳ này)", "text of VI. Next tasks (kept for this period)"},
		CLIFlagResetText:        {"bỏ nội dung đã sửa của phần IV–VI, điền lại từ sổ tay", "drop the edited sections IV–VI and prefill them again"},
		CLIFlagReportParent:     {"cơ quan chủ quản ở đầu báo cáo, ví dụ «BỘ NỘI VỤ» (lưu cho các báo cáo sau; \"\" để về mặc định)", "governing body at the top, e.g. «BỘ NỘI VỤ» (kept for later reports; \"\" for the default)"},
		CLIFlagReportIssuer:     {"cơ quan ban hành, ví dụ «TỔ CÔNG TÁC BIỆT PHÁI» (lưu cho các báo cáo sau)", "issuing body, e.g. «TỔ CÔNG TÁC BIỆT PHÁI» (kept for later reports)"},
		CLIFlagReportCode:       {"chữ viết tắt sau «BC-» trong số văn bản (lưu cho các báo cáo sau)", "abbreviation after «BC-» in the number (kept for later reports)"},
		CLIFlagReportSigner:     {"chức danh người ký (mặc định: chức vụ trong hồ sơ, viết hoa)", "signer's title (default: the profile's position, in capitals)"},
		CLIFlagReportRecipients: {"nơi nhận, các dòng cách nhau bởi «|» (lưu cho các báo cáo sau)", "recipients, lines separated by «|» (kept for later reports)"},
		CLIReportOnePeriod:      {"chỉ chọn một trong --week, --month, --from/--to (one period only)", "choose one of --week, --month, --from/--to"},
		CLIReportBadMonth:       {"--month: «%s» không phải tháng YYYY-MM (not a month)", "--month: «%s» is not a month (YYYY-MM)"},
		CLIReportBadRange:       {"--to (%s) trước --from (%s) (--to is before --from)", "--to (%s) is before --from (%s)"},
		CLIReportNeedBoth:       {"cần cả --from và --to (both are needed)", "both --from and --to are needed"},
		CLIFormatVsExt:          {"--format %s không khớp với tệp -o %s; bỏ --format hoặc đổi đuôi tệp (format and file name disagree)", "--format %s disagrees with -o %s; drop --format or change the file's extension"},
		CLIRollupBadTable:       {"không có bảng «%s»; chọn: %s (no such table)", "no table «%s»; use one of: %s"},

		CLIHQExportUsage:    {"Cách dùng: sotay hq export [--format xlsx|csv] [--table BẢNG] [--from NGÀY --to NGÀY] [-o TỆP]\n\nSố liệu tổng hợp toàn quốc, đọc từ cơ sở dữ liệu của Tổ công tác (máy chủ đang chạy hay không đều được).\nxlsx: một trang tổng hợp theo tỉnh (buổi làm việc, lớp tập huấn, người tham dự, khó khăn theo lĩnh vực và tình trạng, lần đồng bộ cuối) và một trang cho mỗi loại bản ghi; mặc định ghi tệp tong-hop-<ngày>.xlsx.\ncsv (UTF-8, có BOM): một bảng mỗi lần, chọn bằng --table (summary, log, difficulty, training); mặc định in ra màn hình.\nKhông có --format thì đuôi tệp -o (.xlsx, .csv) chọn định dạng. Ô bắt đầu bằng = + - @ được ghi thành chữ (thêm ' ở đầu) để Excel không chạy như công thức.\n--from/--to lọc theo ngày của bản ghi.", "Usage: sotay hq export [--format xlsx|csv] [--table TABLE] [--from DATE --to DATE] [-o FILE]\n\nThe national roll-up, read from HQ's database (whether or not the server runs).\nxlsx: a summary sheet by province (working sessions, trainings, participants, difficulties by category and status, last sync) and one sheet per kind of record; written to tong-hop-<date>.xlsx by default.\ncsv (UTF-8 with BOM): one table at a time, chosen with --table (summary, log, difficulty, training); to standard output by default.\nWithout --format, -o's extension (.xlsx, .csv) picks the format. A cell starting with = + - @ is written as text (a ' before it) so Excel never runs it as a formula.\n--from/--to filter by the records' dates."},
		CLIFlagRollupFormat: {"định dạng: xlsx hoặc csv (mặc định: theo đuôi tệp -o, không thì xlsx)", "format: xlsx or csv (default: from -o's extension, else xlsx)"},
		CLIFlagRollupTable:  {"bảng ghi ra khi dùng csv: %s", "the table to write as csv: %s"},
		CLIFlagRollupOut:    {"ghi vào TỆP (mặc định: tong-hop-<ngày>.xlsx với xlsx, màn hình với csv)", "write to FILE (default: tong-hop-<date>.xlsx for xlsx, standard output for csv)"},

		UIKeyReport:         {"báo cáo", "report"},
		UIReportKeyPrev:     {"kỳ trước", "previous"},
		UIReportKeyNext:     {"kỳ sau", "next"},
		UIReportKeyWeek:     {"tuần", "week"},
		UIReportKeyMonth:    {"tháng", "month"},
		UIReportKeyEdit:     {"sửa IV–VI", "edit IV–VI"},
		UIReportKeyDocx:     {"xuất .docx", "export .docx"},
		UIReportKeyMarkdown: {"xuất .md", "export .md"},
		UIReportKeyReset:    {"điền lại IV–VI", "prefill IV–VI again"},
		UIReportKeySection:  {"phần khác", "other section"},
		UIReportWeek:        {"Báo cáo tuần %s – %s", "Weekly report %s – %s"},
		UIReportMonth:       {"Báo cáo tháng %s", "Monthly report %s"},
		UIReportEdited:      {"(phần IV–VI đã sửa)", "(sections IV–VI edited)"},
		UIReportLoading:     {"Đang tổng hợp…", "Building…"},
		UIReportEditHint:    {"Mỗi dòng một đoạn; dòng bắt đầu bằng «- » là một ý. Tab: phần khác · Ctrl+S: lưu · Esc: bỏ", "One paragraph a line; a line starting «- » is a bullet. Tab: other section · Ctrl+S: save · Esc: discard"},
		UIReportSaved:       {"Đã lưu nội dung báo cáo.", "Report text saved."},
		UIReportWrote:       {"Đã ghi %s", "Wrote %s"},
		UIReportExists:      {"Đã có tệp %s (có thể đã sửa trong Word). Ghi đè lên? Không: lưu với tên %s.", "%s exists (it may hold edits made in Word). Write over it? No: save as %s."},
		UIReportResetAsk:    {"Bỏ nội dung đã sửa của phần IV–VI và điền lại từ sổ tay?", "Drop the edited sections IV–VI and prefill them again?"},
		UIReportKeyPeriod:   {"kỳ trước/sau", "prev/next"},
		UIReportKeyPick:     {"chọn kỳ", "period"},
		UIReportKeyRange:    {"khoảng ngày", "date range"},
		UIReportRange:       {"Báo cáo từ %s đến %s", "Report %s – %s"},
		UIReportRangeTitle:  {"Báo cáo theo khoảng ngày", "Report for a date range"},
		UIReportRangeFrom:   {"Từ ngày", "From"},
		UIReportRangeTo:     {"Đến ngày", "To"},
		UIReportRangeHint:   {"dd/mm/yyyy, «hôm nay», «t2» · Tab: ô khác · Enter: xem · Esc: bỏ", "dd/mm/yyyy, «today», «mon» · Tab: other field · Enter: show · Esc: cancel"},
		UIReportRangeBad:    {"không phải ngày (dd/mm/yyyy)", "not a date (dd/mm/yyyy)"},
		UIReportRangeEmpty:  {"cần nhập ngày", "a date is needed"},
		UIReportRangeBefore: {"trước «Từ ngày»", "before «From»"},

		RollupSummarySheet: {"Tổng hợp", "Summary"},
		RollupColProvince:  {"Tỉnh, thành phố", "Province"},
		RollupColOfficers:  {"Cán bộ biệt phái", "Officers"},
		RollupColOfficerID: {"Mã cán bộ", "Officer id"},
		RollupColOfficer:   {"Cán bộ", "Officer"},
		RollupColReceived:  {"Nhận lúc", "Received"},
		RollupColLogs:      {"Buổi làm việc", "Working sessions"},
		RollupColTrainings: {"Lớp tập huấn", "Trainings"},
		RollupColPeople:    {"Lượt người tham dự", "Participants"},
		RollupColWomen:     {"Nữ", "Women"},
		RollupColNoWomen:   {"Lớp chưa ghi số nữ", "Trainings without women recorded"},
		RollupColDiffs:     {"Khó khăn, vướng mắc", "Difficulties"},
		RollupColLastSync:  {"Đồng bộ lần cuối", "Last sync"},
		RollupColAnswers:   {"Số lần trả lời", "Answers"},
		RollupColLastReply: {"Trả lời gần nhất", "Latest answer"},
		RollupTotal:        {"Tổng cộng", "Total"},
		RollupDiffCategory: {"KK: %s", "Diff.: %s"},
		RollupDiffStatus:   {"KK %s", "Diff. %s"},
	}
}
