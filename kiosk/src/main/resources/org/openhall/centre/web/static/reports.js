// The reports and cases pages of the centre: charts drawn with ECharts (served from the jar) from the JSON API.
'use strict';
(function () {
  const $ = id => document.getElementById(id);
  const LEVELS = [['very_satisfied', '非常满意', '#1a7f37'], ['satisfied', '满意', '#4caf50'],
    ['basically_satisfied', '基本满意', '#a5d6a7'], ['dissatisfied', '不满意', '#f4a261'],
    ['very_dissatisfied', '非常不满意', '#d62828']];
  const WEEKDAYS = ['周一 Mon', '周二 Tue', '周三 Wed', '周四 Thu', '周五 Fri', '周六 Sat', '周日 Sun'];

  function query(params) {
    const out = new URLSearchParams();
    Object.entries(params).forEach(([k, v]) => { if (v) out.set(k, v); });
    return out.toString();
  }

  async function get(path, params) {
    const r = await fetch(path + '?' + query(params || {}), { credentials: 'same-origin' });
    if (!r.ok) throw new Error(path + ': ' + r.status);
    return r.json();
  }

  function cell(row, text, cls) {
    const td = document.createElement('td');
    if (text instanceof Node) td.append(text); else td.textContent = text == null ? '' : String(text);
    if (cls) td.className = cls;
    row.append(td);
    return td;
  }

  function head(table, labels) {
    const tr = document.createElement('tr');
    labels.forEach(l => { const th = document.createElement('th'); th.textContent = l; tr.append(th); });
    const thead = document.createElement('thead');
    thead.append(tr);
    table.replaceChildren(thead, document.createElement('tbody'));
    return table.tBodies[0];
  }

  const pct = v => v == null ? '' : (v * 100).toFixed(1) + '%';

  function trendOption(rows) {
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 50, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: rows.map(r => r.key) },
      yAxis: [{ type: 'value', name: '评价 ratings' },
        { type: 'value', name: '好评率 %', min: 0, max: 100, position: 'right' }],
      series: LEVELS.map(([key, name, color]) => ({ name, type: 'bar', stack: 'n', color, data: rows.map(r => r[key]) }))
        .concat([{ name: '好评率 good rate', type: 'line', yAxisIndex: 1, color: '#0b4f8a',
          data: rows.map(r => Math.round(r.goodRate * 1000) / 10) }])
    };
  }

  function heatOption(rows) {
    const data = rows.map(r => {
      const [weekday, hour] = r.key.split('-');
      return [Number(hour), Number(weekday) - 1, Math.round(r.goodRate * 1000) / 10, r.total];
    });
    return {
      animation: false,
      tooltip: { formatter: p => WEEKDAYS[p.value[1]] + ' ' + p.value[0] + ':00 · 好评率 ' + p.value[2] + '% · ' + p.value[3] + ' 评价' },
      grid: { left: 80, right: 20, top: 10, bottom: 70 },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')), splitArea: { show: true } },
      yAxis: { type: 'category', data: WEEKDAYS, splitArea: { show: true } },
      visualMap: { min: 50, max: 100, dimension: 2, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: { color: ['#d62828', '#f4a261', '#ffe66d', '#4caf50', '#1a7f37'] } },
      series: [{ type: 'heatmap', data, label: { show: false } }]
    };
  }

  function reportsPage(el) {
    const base = { from: el.dataset.from, to: el.dataset.to, site: el.dataset.site };
    const trend = echarts.init($('trend'));
    const heat = echarts.init($('heat'));
    const drawTrend = async by => {
      const { rows } = await get('/api/reports/ratings', Object.assign({ by }, base));
      trend.setOption(trendOption(rows), true);
      document.querySelectorAll('button[data-by]').forEach(b => b.classList.toggle('on', b.dataset.by === by));
      el.dataset.trend = by + ':' + rows.length;
    };
    document.querySelectorAll('button[data-by]').forEach(b => b.addEventListener('click', () => drawTrend(b.dataset.by)));
    window.addEventListener('resize', () => { trend.resize(); heat.resize(); });
    Promise.all([
      drawTrend('day'),
      get('/api/reports/ratings', Object.assign({ by: 'weekday_hour' }, base)).then(({ rows }) => {
        heat.setOption(heatOption(rows), true);
      }),
      get('/api/reports/ratings', Object.assign({ by: 'window' }, base)).then(({ rows }) => {
        const body = head($('windows'), ['大厅 Site', '窗口 Window', '评价 Total', '好评 Good', '差评 Bad', '好评率 Good rate']);
        rows.forEach(r => {
          const tr = body.insertRow();
          cell(tr, r.site);
          const a = document.createElement('a');
          a.href = '/reports/window?' + query({ site: r.site, window: r.key, from: base.from, to: base.to });
          a.textContent = r.key;
          cell(tr, a);
          cell(tr, r.total, 'n');
          cell(tr, r.good, 'n');
          cell(tr, r.bad, r.bad > 0 ? 'n bad' : 'n');
          cell(tr, pct(r.goodRate), 'n');
        });
      }),
      get('/api/reports/queue', Object.assign({ by: 'category' }, base)).then(({ rows }) => {
        const body = head($('queue'), ['大厅 Site', '业务 Category', '取号 Issued', '叫号 Called', '过号 No-shows',
          '等候 P50 (s)', '等候 P90 (s)', '办理 P50 (s)', '办理 P90 (s)']);
        rows.forEach(r => {
          const tr = body.insertRow();
          [r.site, r.key, r.issued, r.called, r.noShows, r.waitP50S, r.waitP90S, r.serviceP50S, r.serviceP90S]
            .forEach((v, i) => cell(tr, v, i > 1 ? 'n' : ''));
        });
      }),
      get('/api/reports/periodic').then(({ reports }) => {
        const body = head($('periodic'), ['类型 Kind', '周期 Period', '生成 Written', '文件 Files']);
        const names = { daily: '日报告 Daily', weekly: '周通报 Weekly', monthly: '月汇总 Monthly' };
        reports.forEach(r => {
          const tr = body.insertRow();
          cell(tr, names[r.kind] || r.kind);
          cell(tr, r.period);
          cell(tr, r.writtenAt.slice(0, 16).replace('T', ' '));
          const links = document.createElement('span');
          [['html', '网页 HTML'], ['xlsx', 'Excel']].forEach(([k, label], i) => {
            const a = document.createElement('a');
            a.href = r.files[k];
            a.textContent = label;
            if (i) links.append(' · ');
            links.append(a);
          });
          cell(tr, links);
        });
      })
    ]).then(() => { document.body.dataset.ready = 'yes'; },
      e => { document.body.dataset.ready = 'error'; console.error(e); });
  }

  function casesPage(el) {
    el.querySelectorAll('form.step-form').forEach(form => form.addEventListener('submit', async e => {
      e.preventDefault();
      const body = { step: form.step.value };
      if (form.note.value) body.note = form.note.value;
      if (form.step.value === 'revisit' && form.view.value) body.view = form.view.value;
      const r = await fetch('/api/cases/' + form.dataset.case + '/steps', { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': el.dataset.csrf }, body: JSON.stringify(body) });
      if (r.ok) { location.reload(); return; }
      let word = String(r.status);
      try { word = (await r.json()).error; } catch (notJson) { /* keep the status */ }
      form.querySelector('output').textContent = word === 'step_out_of_order' ? '顺序不对 out of order'
        : word === 'invalid_argument' ? '请补充说明或回访意见 note or view missing' : word;
    }));
    document.body.dataset.ready = 'yes';
  }

  document.addEventListener('DOMContentLoaded', () => {
    if ($('report')) reportsPage($('report'));
    else if ($('cases')) casesPage($('cases'));
    else document.body.dataset.ready = 'yes';
  });
})();
