/* UI strings, Chinese first. Template content (indicator names, targets) is shown as written. */
var SE = window.SE || (window.SE = {});
SE.STRINGS = {
  zh: {
    title: 'selfeval 绩效自评', langButton: 'English', start: '选择表单', open_template: '打开模板文件…',
    open_answers: '打开答卷文件…', save_answers: '保存答卷', export_xlsx: '导出 Excel', storage_down: '无法在本机保存草稿（浏览器存储不可用：隐私模式或空间已满）。已填写的内容只在此页面中，请保存到文件。', save_to_file: '保存到文件', export_csv: '导出 CSV', print_form: '打印',
    sheet_hint: '模板文件也可以是指标清单表格（.xlsx、.xls 或 .csv，UTF-8 或 GBK 编码均可；列：一级、二级、三级、年度指标值、分值、方向、规则）；答卷文件也可以是本页导出的 Excel。', attach_decl: '附加申报表…', import_decl: '从申报表导入指标…',
    detach_decl: '移除申报表', new_form: '新建表单', drafts: '草稿', no_drafts: '还没有草稿', delete: '删除',
    confirm_delete: '确定删除这份草稿吗？删除后无法恢复。', resume: '继续填写', builtin: '内置模板',
    header: '基本信息', budget: '资金情况', goals: '年度总体目标', expected: '预期目标', actual_goal: '实际完成情况',
    indicators: '绩效指标', target: '年度指标值', actual: '实际完成值', weight: '分值', score: '得分',
    reason: '偏差原因分析及改进措施', reason_review: '扣分原因 / 评分依据', total: '总分', grade: '评价等级', findings: '问题清单', no_findings: '没有发现问题',
    initial: '年初预算数', adjusted: '全年预算数', executed: '全年执行数', rate: '执行率', add_row: '＋ 添加指标',
    move_up: '上移', move_down: '下移', remove_row: '删除指标', confirm_remove: '确定删除这一行指标及其填写内容吗？',
    subtotal: '小计', tier: '达成程度', rater_score: '评分', choice: '评分结果', occurrences: '发生次数',
    planned_date: '计划完成时间', actual_date: '实际完成时间', sample_size: '样本量', survey_method: '调查方式',
    budget_amount: '预算数', executed_amount: '执行数', evidence: '评分依据', direction: '方向', name: '指标名称',
    choose: '请选择', errors: '错误', warnings: '提醒', saved: '已自动保存', not_saved: '无法保存到本机，请用“保存答卷”存为文件',
    problems: '存在问题', improvements: '改进措施', loaded: '已打开', bad_file: '文件无法打开', needs_template: '请先打开答卷对应的模板',
    decl_attached: '已附加申报表', imported: '已导入指标', levels: ['一级指标', '二级指标', '三级指标', '四级指标'],
    kind: { self_assessment: '自评表', declaration: '申报表', verification: '核查评分表', policy: '政策评价', contract: '合同考核', monitoring: '监控表' },
    year_chain: '全年一张表：申报 → 监控 → 自评', from_declaration: '从申报表开始', from_monitoring: '从监控表开始',
    chain_hint: '从申报表开始：选择申报表文件，开始填写年中绩效运行监控表，指标和年度指标值随之带入（不可修改，改动会被标出）。从监控表开始：选择已填的监控表答卷，开始填写项目支出绩效自评表，年中的全年预计完成值保留在实际完成值旁。',
    monitoring_variant: '监控表样式', carried: '已带入 {n} 项指标',
    forecast: '全年预计完成值', likelihood: '完成可能性', reason_category: '偏差原因类别', reason_text: '原因说明', measures: '纠偏措施',
    actual_to_date: '1–N月实际完成值', light: '亮灯', reason_measures: '偏差原因及纠偏措施',
    lights: { red: '红灯', yellow: '黄灯', green: '绿灯', blue: '蓝灯' }, no_light: '未亮灯',
    executed_to_date: '1–N月执行数', forecast_executed: '全年预计执行数', rate_to_date: '1–N月执行率', forecast_rate: '预计执行率', time_progress: '时间进度',
    budget_measures: '纠偏措施（预算执行）', budget_reason_monitoring: '偏差原因（预算执行）', midyear_forecast: '年中预计全年完成值', target_carried: '申报表批复的指标值，不可修改',
    payment: '合同尾款扣减', signing: '签名与导出', passphrase: '密钥口令', key_none: '尚未设置签名密钥',
    key_generate: '生成签名密钥', key_import: '导入密钥文件…', key_export: '导出密钥文件', key_print: '打印公钥登记表',
    export_signed: '导出签名提交文件', fingerprint: '公钥指纹', key_of: '签名密钥', signed_ok: '已导出签名提交文件', sign_blocked: '表单有 {n} 处错误，改正后才能签名：',
    register_title: '公钥登记表', register_unit: '单位名称', register_date: '登记日期', register_stamp: '单位盖章',
    register_sign: '经办人签字', key_created: '已生成签名密钥', updated: '更新于', unit: '单位', target_tools: '指标值解析工具',
    noWasm: '此浏览器不支持 WebAssembly，无法运行本表单。请使用新版 Chrome、Edge、Firefox，或在 360/QQ 等双核浏览器中切换到“极速模式”。',
    continued: '（续）', cancel: '取消', read_only: '只读', opening: '正在打开表单，请稍候……（打开期间仍可操作本页）',
    replace_title: '要替换正在填写的草稿吗？', replace: '替换当前草稿', open_new: '另开为新草稿',
    replace_msg: '文件“{file}”与正在填写的草稿“{draft}”属于同一张表。打开它会替换草稿中已填写的内容。',
    replace_detail: '选择“替换当前草稿”时，现在的内容会保留在草稿列表中，标为“替换前的版本”，可以随时打开恢复。',
    replaced: '已打开“{file}”，替换前的内容已保留为草稿列表中的“替换前的版本”', open_cancelled: '已取消，草稿没有改动',
    previous_version: '替换前的版本（{time} 被替换）', conflict_copy: '冲突副本（另一标签页同时修改时本页的内容）',
    lock_other: '此草稿正在另一个标签页中编辑。为避免两个标签页互相覆盖，本页只读。',
    lock_taken: '此草稿已转到另一个标签页中编辑，本页现为只读。本页填写的内容已保存。',
    lock_conflict: '另一个标签页已修改并保存了此草稿。为避免覆盖它，本页改为只读；本页尚未保存的内容已另存为草稿列表中的“冲突副本”。',
    lock_take: '在本页继续编辑', lock_copy: '另存为新草稿', other_saved: '另一个标签页已于 {time} 保存了新内容，在本页继续编辑时会先载入。',
    took_over: '已在本页继续编辑（已载入最新保存的内容）', copied: '已另存为新草稿',
    broken_status: '草稿“{name}”无法打开：{reason}。已回到开始页面；此草稿仍在草稿列表中（标为“无法打开”），可以保存为文件。',
    broken_mark: '⚠ 无法打开', save_draft_answers: '保存答卷文件', save_draft_template: '保存模板文件',
    engine_failed: '计算引擎出错，已停止使用（{reason}）。正在重新启动引擎，并恢复最后一次正确保存的草稿……',
    engine_failed_other: '计算引擎出错，已停止使用并重新启动（{reason}）。正在填写的表单没有受到影响；刚才的操作没有完成。',
    engine_restarted: '计算引擎出错（{reason}），已停止使用出错的引擎并重新启动。草稿已恢复为最后一次正确保存的内容（{time}），其后的输入已重新应用；出错的那一步没有生效，请检查后再继续。',
    oom: '内存不足', internal: '内部错误',
    engine_dead: '计算引擎无法重新启动，请刷新页面；已保存的草稿不受影响', close: '关闭',
    choose_template_first: '请先选择模板', suggested_reasons: '建议的扣分原因（由单位自评表的问题生成，供评审组采纳或删除）',
    suggestion_take: '采纳', suggestion_taken: '已采纳', suggestion_drop: '不采纳',
    opinion: '评价意见（总体评价）', draft_opinion: '由扣分原因起草总体评价',
    where_file: '存储位置：本浏览器内。本页是从本机文件打开的，浏览器让本机所有本地网页共用同一份存储：其他本地 HTML 文件也能读取或修改这里的草稿和签名密钥文件。建议通过单位内网地址打开本页（见说明文档）。',
    where_site: '存储位置：本浏览器内，只有本站点（{origin}）能读取。',
    alert_mismatch: '此草稿在本页之外被修改过：它的内容与保存时的校验值不符。',
    alert_missing: '此草稿没有校验值（由旧版本保存，或被本页以外的程序改写过）。',
    draft_alert: '请注意：此草稿的校验值不符或缺失，可能在本页之外被修改过。签名前请逐项核对。',
    sign_check_title: '签名前请核对草稿', sign_check_msg: '请逐项核对表中内容无误后再签名。',
    sign_checked: '已核对，继续签名',
    list_capped: '此处列出前 {n} 条问题，其余的显示在表格中各自的行下。', list_more: '再列出 200 条',
    sev_error: '错误', sev_warning: '提醒', sev_info: '说明', code_label: '问题代码', check: '检查',
    pending_left: '尚有 {n} 项未填写', counts_line: '{e} 项错误，{w} 项提醒', grade_wait: '填完后评定',
    about: '关于 / 高级', engine_version: '计算引擎版本', template_info: '模板',
    restored: '已恢复“{form}”{unit}（{time} 保存）的草稿', pass_empty: '请先输入密钥口令', pass_confirm: '再次输入口令',
    pass_mismatch: '两次输入的口令不一致，请重新输入', pass_twice: '生成密钥需要把口令输入两遍：请在“再次输入口令”中再输入一遍',
    exported: '已导出：{name}', saved_file: '已保存答卷文件：{name}', standard: '评分标准', standard_verification: '评分说明',
    explanation: '指标解释', points: '{p} 分', register_kid: '密钥标识', register_fp: '公钥指纹（SHA-256）',
    register_alg: '签名算法', register_alg_sm2: 'SM2-SM3（国密：SM2 签名，SM3 杂凑）', register_fp_sm3: '公钥指纹（SM3）',
    alg_sm2: '国密 SM2-SM3', fp_hash: '（{hash}）', sm2_missing: '本页面缺少 SM2 实现，无法使用国密密钥',
    register_note: '本单位确认上述公钥为本单位提交绩效自评表时使用的签名密钥。', register_contact: '联系电话',
    tool_kind: '类型', tool_label: '标签', tool_op: '比较符', tool_value: '数值', tool_unit: '单位', tool_per: '周期',
    tool_parts: '解析结果', tool_kinds: { quantitative: '定量', compound: '复合', range: '区间', deadline: '时限', qualitative: '定性' },
    tool_input: '年度指标值', draft_date: '{date}'
  },
  en: {
    title: 'selfeval', langButton: '中文', start: 'Choose a form', open_template: 'Open a template file…',
    open_answers: 'Open answers…', save_answers: 'Save answers', export_xlsx: 'Export Excel', storage_down: 'Drafts cannot be saved on this computer (browser storage unavailable: private mode or full). What you typed is only in this page: save it to a file.', save_to_file: 'Save to a file', export_csv: 'Export CSV', print_form: 'Print',
    sheet_hint: 'A template file can also be an indicator list (.xlsx, .xls or .csv in UTF-8 or GBK) with the official list\u2019s columns, headed in Chinese: level 1, level 2, level 3, annual target, weight, direction, rule; an answers file can also be an Excel file exported here.', attach_decl: 'Attach declaration…',
    import_decl: 'Import indicators…', detach_decl: 'Detach declaration', new_form: 'New form',
    drafts: 'Drafts', no_drafts: 'No drafts yet', delete: 'Delete', confirm_delete: 'Delete this draft? This cannot be undone.',
    resume: 'Continue', builtin: 'Built-in templates', header: 'Header', budget: 'Funding', goals: 'Overall goals',
    expected: 'Expected', actual_goal: 'Achieved', indicators: 'Indicators', target: 'Annual target', actual: 'Actual',
    weight: 'Weight', score: 'Score', reason: 'Deviation reason and remedy', reason_review: 'Reason for deductions / evidence', total: 'Total', grade: 'Grade',
    findings: 'Findings', no_findings: 'No problems found', initial: 'Initial budget', adjusted: 'Full-year budget',
    executed: 'Executed', rate: 'Rate', add_row: '+ Add indicator', move_up: 'Move up', move_down: 'Move down',
    remove_row: 'Remove indicator', confirm_remove: 'Remove this indicator and what was entered for it?', subtotal: 'Subtotal',
    tier: 'Tier', rater_score: 'Score', choice: 'Outcome', occurrences: 'Occurrences', planned_date: 'Planned date',
    actual_date: 'Actual date', sample_size: 'Sample size', survey_method: 'Survey method', budget_amount: 'Budget',
    executed_amount: 'Executed', evidence: 'Evidence', direction: 'Direction', name: 'Indicator', choose: 'Choose',
    errors: 'errors', warnings: 'warnings', saved: 'Autosaved', not_saved: 'Cannot save on this computer: use "Save answers" to keep a file',
    problems: 'Problems', improvements: 'Improvements', loaded: 'Opened', bad_file: 'The file cannot be opened',
    needs_template: 'Open the template of these answers first', decl_attached: 'Declaration attached', imported: 'Indicators imported',
    levels: ['Level 1', 'Level 2', 'Level 3', 'Level 4'],
    kind: { self_assessment: 'self-assessment', declaration: 'declaration', verification: 'verification', policy: 'policy', contract: 'contract', monitoring: 'monitoring' },
    year_chain: 'One record across the year: declaration → monitoring → self-assessment', from_declaration: 'Start from a declaration', from_monitoring: 'Start from a monitoring form',
    chain_hint: 'Start from a declaration: choose the declaration file to begin the mid-year monitoring form with its indicators and annual targets carried (read-only; a change is flagged). Start from a monitoring form: choose the filled monitoring answers to begin the project self-assessment; the mid-year full-year forecast stays beside the actual.',
    monitoring_variant: 'Monitoring form', carried: '{n} indicators carried',
    forecast: 'Full-year forecast', likelihood: 'Likelihood of completion', reason_category: 'Reason category', reason_text: 'Explanation', measures: 'Corrective measures',
    actual_to_date: 'Actual to date', light: 'Light', reason_measures: 'Deviation reason and corrective measures',
    lights: { red: 'Red', yellow: 'Yellow', green: 'Green', blue: 'Blue' }, no_light: 'No light yet',
    executed_to_date: 'Executed to date', forecast_executed: 'Full-year forecast', rate_to_date: 'Execution rate to date', forecast_rate: 'Forecast rate', time_progress: 'Time progress',
    budget_measures: 'Corrective measures (budget)', budget_reason_monitoring: 'Deviation reason (budget)', midyear_forecast: 'Full-year forecast at mid-year', target_carried: 'The target approved in the declaration; read-only',
    payment: 'Payment deduction', signing: 'Sign and export', passphrase: 'Key passphrase', key_none: 'No signing key yet',
    key_generate: 'Create a signing key', key_import: 'Import a key file…', key_export: 'Export the key file', key_print: 'Print the key registration form',
    export_signed: 'Export the signed submission', fingerprint: 'Key fingerprint', key_of: 'Signing key', signed_ok: 'Signed submission exported', sign_blocked: 'The form has {n} error(s); fix them before signing:',
    register_title: 'Public key registration', register_unit: 'Unit', register_date: 'Date', register_stamp: 'Unit seal',
    register_sign: 'Signature', key_created: 'Signing key created', updated: 'updated', unit: 'Unit', target_tools: 'Target parser',
    noWasm: 'This browser has no WebAssembly, so the form cannot run. Use a current Chrome, Edge or Firefox, or switch a dual-core browser to its fast (Chromium) mode.',
    continued: ' (cont.)', cancel: 'Cancel', read_only: 'Read-only', opening: 'Opening the form… (the page stays usable meanwhile)',
    replace_title: 'Replace the draft you are filling in?', replace: 'Replace the draft', open_new: 'Open as a new draft',
    replace_msg: 'The file "{file}" is for the same form as the open draft "{draft}". Opening it replaces what was entered in the draft.',
    replace_detail: 'With "Replace the draft", what is there now stays in the drafts list as "Version before replacement" and can be opened again at any time.',
    replaced: 'Opened "{file}"; what was there before is kept in the drafts list as "Version before replacement"', open_cancelled: 'Cancelled; the draft is unchanged',
    previous_version: 'Version before replacement (replaced {time})', conflict_copy: 'Conflict copy (this tab\u2019s version when another tab changed the draft)',
    lock_other: 'This draft is being edited in another tab. So that the two tabs do not overwrite each other, this one is read-only.',
    lock_taken: 'This draft is now edited in another tab; this tab is read-only. What was entered here has been saved.',
    lock_conflict: 'Another tab changed and saved this draft. So as not to overwrite it, this tab is now read-only; what was not yet saved here is kept as a "Conflict copy" in the drafts list.',
    lock_take: 'Edit in this tab', lock_copy: 'Save as a new draft', other_saved: 'The other tab saved new content at {time}; editing here loads it first.',
    took_over: 'Editing in this tab (the latest saved content is loaded)', copied: 'Saved as a new draft',
    broken_status: 'The draft "{name}" cannot be opened: {reason}. Back on the start screen; the draft stays in the drafts list (marked "cannot be opened") and can be saved as files.',
    broken_mark: '⚠ cannot be opened', save_draft_answers: 'Save the answers file', save_draft_template: 'Save the template file',
    engine_failed: 'The engine failed and is no longer used ({reason}). Starting it again and restoring the draft as last saved correctly…',
    engine_failed_other: 'The engine failed, was dropped and started again ({reason}). The form being filled in is not affected; the last action did not complete.',
    engine_restarted: 'The engine failed ({reason}); it was dropped and started again. The draft is back as last saved correctly ({time}) with what was typed since applied again; the step that failed did not take effect: check it before going on.',
    oom: 'out of memory', internal: 'internal error',
    engine_dead: 'The engine cannot be started again: reload the page; saved drafts are not affected', close: 'Close',
    choose_template_first: 'Choose a template first', suggested_reasons: 'Suggested deduction reasons (from the findings on the unit\u2019s form: take or drop each)',
    suggestion_take: 'Take', suggestion_taken: 'Taken', suggestion_drop: 'Drop',
    opinion: 'Opinion (overall assessment)', draft_opinion: 'Draft the opinion from the reasons',
    where_file: 'Stored in this browser. This page was opened from a file on this computer, and the browser gives all local web pages one shared storage: other local HTML files can read or change the drafts and the signing key file kept here. Open the page from your organisation\u2019s intranet address instead (see the README).',
    where_site: 'Stored in this browser; only this site ({origin}) can read it.',
    alert_mismatch: 'This draft was changed outside this page: its content does not match the seal it was saved with.',
    alert_missing: 'This draft has no seal (saved by an older version, or rewritten by something other than this page).',
    draft_alert: 'Note: this draft\u2019s seal is missing or does not match; it may have been changed outside this page. Check it item by item before signing.',
    sign_check_title: 'Check the draft before signing', sign_check_msg: 'Check every item of the form before signing it.',
    sign_checked: 'Checked, sign it',
    list_capped: 'The first {n} findings are listed here; the others show under their rows in the table.', list_more: 'List 200 more',
    sev_error: 'Error', sev_warning: 'Warning', sev_info: 'Note', code_label: 'Finding code', check: 'Check',
    pending_left: '{n} field{s} left to fill', counts_line: '{e} error{es}, {w} warning{ws}', grade_wait: 'after all fields are filled',
    about: 'About / advanced', engine_version: 'Engine version', template_info: 'Template',
    restored: 'Restored the draft of "{form}"{unit} (saved {time})', pass_empty: 'Type the key passphrase first', pass_confirm: 'Passphrase again',
    pass_mismatch: 'The two passphrases differ: type them again', pass_twice: 'Creating a key needs the passphrase twice: type it again under "Passphrase again"',
    exported: 'Exported: {name}', saved_file: 'Answers saved: {name}', standard: 'Scoring standard', standard_verification: 'Scoring notes',
    explanation: 'Definition', points: '{p} points', register_kid: 'Key id', register_fp: 'Key fingerprint (SHA-256)',
    register_alg: 'Signature algorithm', register_alg_sm2: 'SM2-SM3 (SM2 signature, SM3 hash)', register_fp_sm3: 'Key fingerprint (SM3)',
    alg_sm2: 'SM2-SM3', fp_hash: ' ({hash})', sm2_missing: 'This page has no SM2 implementation; SM2 keys cannot be used',
    register_note: 'This unit confirms that the key above is the signing key it uses to submit its self-assessment forms.', register_contact: 'Telephone',
    tool_kind: 'Kind', tool_label: 'Label', tool_op: 'Operator', tool_value: 'Value', tool_unit: 'Unit', tool_per: 'Per',
    tool_parts: 'Parsed parts', tool_kinds: { quantitative: 'quantitative', compound: 'compound', range: 'range', deadline: 'deadline', qualitative: 'qualitative' },
    tool_input: 'Annual target', draft_date: '{date}'
  }
};
SE.lang = 'zh';
SE.t = function (key) { var v = SE.STRINGS[SE.lang][key]; return v === undefined ? key : v; };
/* A finding's message in the current language, the other beside it. */
// A finding in the selected language only (the CLI and JSON keep both).
SE.msg = function (f) {
  return SE.lang === 'zh' ? f.message_zh : f.message_en;
};
/* A time and a date-time in the page's language: 15:32 / 2026年12月1日 15:32. */
SE.time = function (d) {
  d = d instanceof Date ? d : new Date(d);
  var p = function (n) { return (n < 10 ? '0' : '') + n; };
  return p(d.getHours()) + ':' + p(d.getMinutes());
};
SE.dateTime = function (d) {
  d = d instanceof Date ? d : new Date(d);
  if (SE.lang === 'zh') return d.getFullYear() + '年' + (d.getMonth() + 1) + '月' + d.getDate() + '日 ' + SE.time(d);
  var m = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return d.getDate() + ' ' + m[d.getMonth()] + ' ' + d.getFullYear() + ' ' + SE.time(d);
};
/* A string with {name} filled in; in English {s}, {es}, {ws} make plurals of {n}, {e}, {w}. */
SE.fmt = function (text, args) {
  var plural = { s: 'n', es: 'e', ws: 'w' };
  return text.replace(/\{(\w+)\}/g, function (m, k) {
    if (plural[k] && args[k] === undefined && args[plural[k]] !== undefined) return Number(args[plural[k]]) === 1 ? '' : 's';
    return args[k] !== undefined ? String(args[k]) : m;
  });
};
/* The words for a finding's severity: 错误 / 提醒 (never colour alone). */
SE.paren = function (x) { return SE.lang === 'en' ? ' (' + x + ')' : '（' + x + '）'; };
SE.colon = function () { return SE.lang === 'en' ? ': ' : '：'; };
SE.sev = function (f) { return SE.t('sev_' + f.severity) + SE.colon(); };
SE.el = function (tag, attrs, text) {
  var e = document.createElement(tag);
  if (attrs) Object.keys(attrs).forEach(function (k) {
    if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
    if (k === 'class') e.className = attrs[k]; else e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
  });
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
};
SE.$ = function (id) { return document.getElementById(id); };
