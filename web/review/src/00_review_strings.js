/* The workbench's words, Chinese first (the form view's own words stay in web/src/00_i18n.js). */
var SE = window.SE || (window.SE = {});
SE.REVIEW_STRINGS = {
  zh: {
    title: 'selfeval 汇总复核台', offline: '离线运行：文件只在本机处理，不上传', no_wasm: '此浏览器不支持 WebAssembly，无法运行。请使用新版 Chrome、Edge，或在双核浏览器中切换到“极速模式”。',
    load: '1. 载入', pick_files: '选择提交文件…', pick_folder: '选择文件夹…', pick_zip: '选择 .zip 压缩包…', check_date: '核验日期',
    reject_errors: '有错误的表不予通过', drop: '也可以把文件、文件夹或 .zip 拖到这里', drop_label: '拖放区', cancel: '取消',
    registry: '2. 公钥登记表', registry_import: '导入登记表…', registry_export: '导出登记表', add_key: '添加单位公钥',
    key_from_file: '读取单位的密钥文件或公钥…', key_text: '或粘贴公钥', fingerprint: '公钥指纹', fp_compare: '请与单位盖章的《公钥登记表》逐组核对',
    unit: '单位', role: '角色', role_unit: '填报单位', role_reviewer: '评审机构', valid_from: '有效期自', valid_to: '至', add: '登记',
    registry_keys: '已登记的公钥', validity: '有效期', key_state: '状态', actions: '操作', active: '有效', revoked: '已注销',
    revoke: '注销', save_validity: '保存有效期', confirm_revoke: '注销“{unit}”的公钥 {fp}？注销后该公钥签名的提交都不予通过（登记表中保留为已注销）。',
    registry_none: '尚未载入登记表：签名者不会被核验，任何人的密钥都能通过', registry_n: '共 {n} 个公钥', registry_unsaved: '登记表已修改，请导出保存（本页不在浏览器中保存登记表）',
    key_added: '已登记“{unit}”的公钥', key_revoked: '已注销', validity_saved: '已保存有效期', key_read: '已读取公钥，请核对指纹',
    results: '3. 核验结果', search: '搜索', status: '核验结果', all: '全部', s_passed: '通过', s_failed: '未通过', s_duplicate: '重复', s_superseded: '已取代',
    grade: '等级', form: '表单', has_errors: '有错误', has_risk: '有风险提示', export_xlsx: '导出汇总表 Excel', export_csv: '导出 CSV', print: '打印汇总',
    table_label: '核验结果表', prev: '上一页', next: '下一页', page: '第 {p} / {n} 页', shown: '显示 {n} / {all} 份',
    col_file: '文件', col_unit: '单位', col_project: '项目', col_form: '表单', col_year: '年度', col_total: '复核总分', col_grade: '等级',
    col_rate: '执行率', col_errors: '错误', col_warnings: '提醒', col_diff: '自报−复核', col_status: '核验结果', col_sig: '签名状态',
    totals: '共 {files} 份：通过 {passed}，未通过 {failed}，重复 {duplicates}，已取代 {superseded}；表单有错误 {with_errors} 份。核验时间 {at}。',
    unchecked_warn: '未载入公钥登记表，签名者未核验。',
    charts: '4. 图表', c_grades: '各等级份数（计入的提交）', c_hist: '复核总分分布', c_scatter: '执行率与总分（红色：优但执行率偏低）', c_kinds: '最常见的问题（出现次数）',
    sampling: '5. 抽查', seed: '随机种子', s_mode: '抽取方式', by_percent: '按比例（%）', by_count: '按份数', amount: '数量', stratify: '按等级分层',
    risk_only: '只抽有风险提示的', low_exec: '“优”而执行率低于', not_numeric: '完成值无数字达', rows_unit: '项', draw: '抽取', sample_export: '导出抽查结果',
    sampled: '从 {pool} 份中抽取 {drawn} 份（种子 {seed}）。导出的文件含种子和参数，他人可重新抽取核对。',
    close: '关闭', draft_sheet: '生成核查评分表', draft_saved: '已生成核查评分表草稿：{name}（在填报页面打开，逐项采纳或删除建议的扣分原因，再由评审组评分）',
    draft_failed: '无法生成核查评分表：{m}', verifying: '正在核验：已处理 {n} 份，{pct}%，预计还需 {left}', verifying_first: '正在核验：已处理 {n} 份……',
    done: '核验完成：{n} 份，用时 {s} 秒', cancelled: '已取消：已处理的 {n} 份已列出', skipped: '已跳过 {n} 个不是 .json 的文件：{names}',
    no_files: '没有可核验的文件', seconds: '{n} 秒', minutes: '{m} 分 {s} 秒', rerun: '登记表或核验日期已改，请重新核验', rerun_button: '重新核验',
    detail_verdict: '核验结论', detail_signer: '签名', detail_reasons: '未通过的原因', detail_form_findings: '表单问题', detail_no_form: '模板不符或文件无法读取，无法按模板显示表单内容。',
    kid: '密钥标识', created: '签名时间', registered_unit: '登记单位', key_validity: '密钥有效期', digest: '摘要（SHA-256）', duplicate_of: '与此文件相同', superseded_by: '被此文件取代',
    flags: '风险提示', flag_excellent_low_execution: '优但执行率低', flag_reported_differs: '自报≠复核', flag_not_numeric: '完成值多无数字', flag_copied_targets: '完成值照抄指标值',
    exported: '已导出：{name}', print_title: '绩效自评提交汇总', print_by_form: '各表单份数', print_count: '份数', open_row: '打开 {name}',
    sev_error: '错误', sev_warning: '提醒', sev_info: '信息', engine_failed: '核验引擎出错：{m}。请重新载入本页。'
  },
  en: {
    title: 'selfeval review workbench', offline: 'Offline: files are processed on this computer only, never uploaded', no_wasm: 'This browser has no WebAssembly. Use a current Chrome or Edge.',
    load: '1. Load', pick_files: 'Choose submissions…', pick_folder: 'Choose a folder…', pick_zip: 'Choose a .zip…', check_date: 'Day of checking',
    reject_errors: 'Forms with errors fail', drop: 'Or drop files, a folder or a .zip here', drop_label: 'Drop area', cancel: 'Cancel',
    registry: '2. Key registry', registry_import: 'Import registry…', registry_export: 'Export registry', add_key: 'Register a unit\'s key',
    key_from_file: 'Read a unit\'s key file or public key…', key_text: 'or paste the key', fingerprint: 'Fingerprint', fp_compare: 'Compare group by group with the unit\'s stamped registration form',
    unit: 'Unit', role: 'Role', role_unit: 'Reporting unit', role_reviewer: 'Reviewer', valid_from: 'Valid from', valid_to: 'to', add: 'Register',
    registry_keys: 'Registered keys', validity: 'Validity', key_state: 'State', actions: 'Actions', active: 'active', revoked: 'revoked',
    revoke: 'Revoke', save_validity: 'Save validity', confirm_revoke: 'Revoke the key {fp} of "{unit}"? Its submissions will fail (it stays listed as revoked).',
    registry_none: 'No registry loaded: signers are not checked, anyone\'s key passes', registry_n: '{n} key(s)', registry_unsaved: 'The registry changed: export it to keep it (this page does not store it in the browser)',
    key_added: 'Registered the key of "{unit}"', key_revoked: 'Revoked', validity_saved: 'Validity saved', key_read: 'Key read: compare the fingerprint',
    results: '3. Results', search: 'Search', status: 'Verdict', all: 'All', s_passed: 'Passed', s_failed: 'Failed', s_duplicate: 'Duplicate', s_superseded: 'Superseded',
    grade: 'Grade', form: 'Form', has_errors: 'Has errors', has_risk: 'Risk flags', export_xlsx: 'Export summary (Excel)', export_csv: 'Export CSV', print: 'Print summary',
    table_label: 'Results table', prev: 'Previous', next: 'Next', page: 'Page {p} of {n}', shown: 'Showing {n} of {all}',
    col_file: 'File', col_unit: 'Unit', col_project: 'Project', col_form: 'Form', col_year: 'Year', col_total: 'Re-scored total', col_grade: 'Grade',
    col_rate: 'Execution', col_errors: 'Errors', col_warnings: 'Warnings', col_diff: 'Reported − re-scored', col_status: 'Verdict', col_sig: 'Signature',
    totals: '{files} file(s): {passed} passed, {failed} failed, {duplicates} duplicate(s), {superseded} superseded; {with_errors} with form errors. Checked at {at}.',
    unchecked_warn: 'No key registry: signers were not checked.',
    charts: '4. Charts', c_grades: 'Files by grade (counted submissions)', c_hist: 'Re-scored totals', c_scatter: 'Execution rate vs total (red: 优 with a low rate)', c_kinds: 'Most frequent findings (occurrences)',
    sampling: '5. Sampling', seed: 'Seed', s_mode: 'Draw', by_percent: 'a percentage', by_count: 'a count', amount: 'Amount', stratify: 'Stratify by grade',
    risk_only: 'Only files with risk flags', low_exec: '优 with execution below', not_numeric: 'Actuals without numbers ≥', rows_unit: 'rows', draw: 'Draw', sample_export: 'Export sample',
    sampled: 'Drew {drawn} of {pool} (seed {seed}). The exported file holds the seed and parameters so anyone can redraw it.',
    close: 'Close', draft_sheet: 'Draft the verification sheet', draft_saved: 'Verification sheet drafted: {name} (open it in the form page, take or drop each suggested reason, then score)',
    draft_failed: 'Cannot draft the verification sheet: {m}', verifying: 'Verifying: {n} done, {pct}%, about {left} left', verifying_first: 'Verifying: {n} done…',
    done: 'Verified {n} file(s) in {s} s', cancelled: 'Cancelled: the {n} file(s) processed are listed', skipped: 'Skipped {n} file(s) that are not .json: {names}',
    no_files: 'No files to verify', seconds: '{n} s', minutes: '{m} min {s} s', rerun: 'The registry or the day changed: verify again', rerun_button: 'Verify again',
    detail_verdict: 'Verdict', detail_signer: 'Signature', detail_reasons: 'Why it failed', detail_form_findings: 'Form findings', detail_no_form: 'The template does not match or the file cannot be read: the form cannot be shown.',
    kid: 'Key id', created: 'Signed at', registered_unit: 'Registered unit', key_validity: 'Key validity', digest: 'Digest (SHA-256)', duplicate_of: 'Same as', superseded_by: 'Superseded by',
    flags: 'Risk flags', flag_excellent_low_execution: '优 with low execution', flag_reported_differs: 'reported ≠ re-scored', flag_not_numeric: 'actuals without numbers', flag_copied_targets: 'actuals copied from targets',
    exported: 'Exported: {name}', print_title: 'Summary of self-assessment submissions', print_by_form: 'Files per form', print_count: 'Files', open_row: 'Open {name}',
    sev_error: 'Error', sev_warning: 'Warning', sev_info: 'Info', engine_failed: 'The verifying engine failed: {m}. Reload the page.'
  }
};
SE.rt = function (key, args) {
  var v = SE.REVIEW_STRINGS[SE.lang][key];
  if (v === undefined) v = key;
  return args ? SE.fmt(v, args) : v;
};
