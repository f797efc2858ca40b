/* selfeval page script (ES2019, no framework). It renders what the wasm core
   returns and never re-implements a rule. All text goes in through textContent. */
(function () {
  'use strict';

  var STRINGS = {
    zh: {
      title: 'selfeval 绩效自评', targetHeading: '年度指标值解析', targetLabel: '年度指标值',
      targetHint: '输入一个年度指标值（如 ≥15名/年、不低于1人次/月、展馆每年不少于10000人次，展厅不少于3000人次），即时查看解析结果和质量问题。',
      directionLabel: '指标方向', dirNone: '未指定', kind: '类型', partsCaption: '解析出的各部分',
      colLabel: '标签', colOp: '比较符', colValue: '数值', colUnit: '单位', colPer: '周期',
      templateHeading: '模板检查', templateHint: '打开一个模板 JSON 文件，检查结构、编号、分值合计与等级区间。',
      openTemplate: '打开模板文件…', noFindings: '没有发现问题', templateOk: '模板有效',
      templateBad: '模板无效', readFailed: '无法读取文件',
      noWasm: '此浏览器不支持 WebAssembly，无法运行本表单。请使用新版 Chrome、Edge、Firefox，或在 360/QQ 等双核浏览器中切换到“极速模式”。',
      kinds: { quantitative: '定量', compound: '复合', range: '区间', deadline: '时限', qualitative: '定性' },
      langButton: 'English', deadline: '截止'
    },
    en: {
      title: 'selfeval self-assessment', targetHeading: 'Target parser', targetLabel: 'Annual target',
      targetHint: 'Type an annual target (e.g. ≥15名/年, 不低于1人次/月) to see how it is read and what is wrong with it.',
      directionLabel: 'Direction', dirNone: 'unspecified', kind: 'Kind', partsCaption: 'Parts of the target',
      colLabel: 'Label', colOp: 'Comparator', colValue: 'Value', colUnit: 'Unit', colPer: 'Period',
      templateHeading: 'Template check', templateHint: 'Open a template JSON file to check its structure, ids, weight sums and grade bands.',
      openTemplate: 'Open a template file…', noFindings: 'No problems found', templateOk: 'Template is valid',
      templateBad: 'Template is invalid', readFailed: 'Cannot read the file',
      noWasm: 'This browser has no WebAssembly, so the form cannot run. Use a current Chrome, Edge or Firefox, or switch a dual-core browser to its fast (Chromium) mode.',
      kinds: { quantitative: 'quantitative', compound: 'compound', range: 'range', deadline: 'deadline', qualitative: 'qualitative' },
      langButton: '中文', deadline: 'by'
    }
  };
  var EXAMPLES = ['≥15名/年', '>6家/年', '不低于1人次/月', '展馆每年不少于10000人次，展厅不少于3000人次',
    '每年完成技术审查至少25宗及技术咨询服务至少17宗', '≤5次', '80%-90%', '2022年12月底前', '效果明显',
    '完成', '≥100百分比', '≥15'];

  var lang = 'zh';
  var engine = null;
  var $ = function (id) { return document.getElementById(id); };
  function t(key) { return STRINGS[lang][key]; }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) {
      var v = STRINGS[lang][nodes[i].getAttribute('data-i18n')];
      if (typeof v === 'string') nodes[i].textContent = v;
    }
    $('lang-switch').textContent = t('langButton');
    if (engine) renderTarget();
  }

  function findingText(f) {
    return lang === 'zh' ? f.message_zh + '（' + f.message_en + '）' : f.message_en + ' (' + f.message_zh + ')';
  }

  function renderFindings(list, findings) {
    list.textContent = '';
    if (!findings.length) { list.appendChild(el('li', t('noFindings'), 'ok')); return; }
    findings.forEach(function (f) {
      var li = el('li', null, f.severity);
      li.appendChild(el('code', f.code + (f.path ? ' ' + f.path : '')));
      li.appendChild(document.createTextNode(findingText(f)));
      list.appendChild(li);
    });
  }

  function renderTarget() {
    var result = JSON.parse(engine.parseTarget($('target-input').value, $('direction').value));
    var kinds = t('kinds');
    var kind = result.kind ? (kinds[result.kind] || result.kind) : '—';
    if (result.deadline) {
      var d = result.deadline;
      kind += ' · ' + t('deadline') + ' ' + (d.year || '') + (d.year ? '-' : '') + d.month + '-' + d.day;
    }
    $('target-kind').textContent = kind;
    var body = $('parts-table').tBodies[0];
    body.textContent = '';
    (result.parts || []).forEach(function (p) {
      var tr = document.createElement('tr');
      [p.label || '', p.op + (p.implicit_op ? ' *' : ''), p.value_text, p.unit || '', p.per || ''].forEach(function (v) {
        tr.appendChild(el('td', v));
      });
      body.appendChild(tr);
    });
    renderFindings($('target-findings'), result.findings || []);
    $('target-json').textContent = JSON.stringify(result, null, 2);
  }

  function checkTemplateFile(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var result = JSON.parse(engine.checkTemplate(String(reader.result)));
      $('template-status').textContent = (result.ok ? t('templateOk') : t('templateBad')) + '：' + file.name;
      renderFindings($('template-findings'), result.findings || []);
    };
    reader.onerror = function () { $('template-status').textContent = t('readFailed') + '：' + file.name; };
    reader.readAsText(file);
  }

  function start(Module) {
    engine = new Module.Engine();
    $('engine-version').textContent = 'engine ' + engine.version();
    var ex = $('examples');
    EXAMPLES.forEach(function (text) {
      var b = el('button', text);
      b.type = 'button';
      b.addEventListener('click', function () { $('target-input').value = text; renderTarget(); });
      ex.appendChild(b);
    });
    $('target-input').addEventListener('input', renderTarget);
    $('direction').addEventListener('change', renderTarget);
    $('template-file').addEventListener('change', function (e) {
      if (e.target.files && e.target.files[0]) checkTemplateFile(e.target.files[0]);
    });
    renderTarget();
    document.body.setAttribute('data-ready', 'true');
  }

  $('lang-switch').addEventListener('click', function () { lang = lang === 'zh' ? 'en' : 'zh'; applyLanguage(); });
  if (typeof WebAssembly !== 'object' || typeof createSelfeval !== 'function') {
    $('no-wasm').hidden = false;
    $('app').hidden = true;
    return;
  }
  createSelfeval().then(start);
})();
