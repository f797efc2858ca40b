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
    kind: { self_assessment: '自评表', declaration: '申报表', verification: '核查评分表', policy: '政策评价', contract: '合同考核' },
    payment: '合同尾款扣减', signing: '签名与导出', passphrase: '密钥口令', key_none: '尚未设置签名密钥',
    key_generate: '生成签名密钥', key_import: '导入密钥文件…', key_export: '导出密钥文件', key_print: '打印公钥登记表',
    export_signed: '导出签名提交文件', fingerprint: '公钥指纹', key_of: '签名密钥', signed_ok: '已导出签名提交文件', sign_blocked: '表单有 {n} 处错误，改正后才能签名：',
    register_title: '公钥登记表', register_unit: '单位名称', register_date: '登记日期', register_stamp: '单位盖章',
    register_sign: '经办人签字', key_created: '已生成签名密钥', updated: '更新于', unit: '单位', target_tools: '指标值解析工具',
    noWasm: '此浏览器不支持 WebAssembly，无法运行本表单。请使用新版 Chrome、Edge、Firefox，或在 360/QQ 等双核浏览器中切换到“极速模式”。'
  },
  en: {
    title: 'selfeval self-assessment', langButton: '中文', start: 'Choose a form', open_template: 'Open a template file…',
    open_answers: 'Open an answers file…', save_answers: 'Save answers', export_xlsx: 'Export Excel', storage_down: 'Drafts cannot be saved on this computer (browser storage unavailable: private mode or full). What you typed is only in this page: save it to a file.', save_to_file: 'Save to a file', export_csv: 'Export CSV', print_form: 'Print',
    sheet_hint: 'A template file can also be an indicator list (.xlsx, .xls or .csv in UTF-8 or GBK, with the columns 一级, 二级, 三级, 年度指标值, 分值, 方向, 规则); an answers file can also be an Excel file exported here.', attach_decl: 'Attach a declaration…',
    import_decl: 'Import indicators from a declaration…', detach_decl: 'Detach declaration', new_form: 'New form',
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
    errors: 'errors', warnings: 'warnings', saved: 'Saved on this computer', not_saved: 'Cannot save on this computer: use "Save answers" to keep a file',
    problems: 'Problems', improvements: 'Improvements', loaded: 'Opened', bad_file: 'The file cannot be opened',
    needs_template: 'Open the template of these answers first', decl_attached: 'Declaration attached', imported: 'Indicators imported',
    levels: ['Level 1', 'Level 2', 'Level 3', 'Level 4'],
    kind: { self_assessment: 'self-assessment', declaration: 'declaration', verification: 'verification', policy: 'policy', contract: 'contract' },
    payment: 'Payment deduction', signing: 'Sign and export', passphrase: 'Key passphrase', key_none: 'No signing key yet',
    key_generate: 'Create a signing key', key_import: 'Import a key file…', key_export: 'Export the key file', key_print: 'Print the key registration form',
    export_signed: 'Export the signed submission', fingerprint: 'Key fingerprint', key_of: 'Signing key', signed_ok: 'Signed submission exported', sign_blocked: 'The form has {n} error(s); fix them before signing:',
    register_title: 'Public key registration', register_unit: 'Unit', register_date: 'Date', register_stamp: 'Unit seal',
    register_sign: 'Signature', key_created: 'Signing key created', updated: 'updated', unit: 'Unit', target_tools: 'Target parser',
    noWasm: 'This browser has no WebAssembly, so the form cannot run. Use a current Chrome, Edge or Firefox, or switch a dual-core browser to its fast (Chromium) mode.'
  }
};
SE.lang = 'zh';
SE.t = function (key) { var v = SE.STRINGS[SE.lang][key]; return v === undefined ? key : v; };
/* A finding's message in the current language, the other beside it. */
// A finding in the selected language only (the CLI and JSON keep both).
SE.msg = function (f) {
  return SE.lang === 'zh' ? f.message_zh : f.message_en;
};
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
