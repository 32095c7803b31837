// The centre's pages: the fleet table refreshed every 5 s, the telemetry chart of one kiosk.
(function () {
  "use strict";
  var esc = function (v) {
    return v === null || v === undefined ? "" : String(v).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  };
  var STATE = { online: "● 在线 <small>online</small>", offline: "■ 离线 <small>offline</small>", unknown: "? 未知 <small>unknown</small>" };
  var PRINTER = { ok: "正常 <small>ok</small>", paper_near_end: "纸将尽 <small>paper low</small>", paper_out: "缺纸 <small>paper out</small>",
    cover_open: "盖未关 <small>cover open</small>", offline: "脱机 <small>offline</small>", error: "故障 <small>error</small>", none: "无 <small>none</small>" };
  var dash = function (v) { return v === null || v === undefined ? "—" : esc(v); };
  var short = function (iso) { return iso ? iso.substring(5, 10) + " " + iso.substring(11, 19) : "—"; };
  var printer = function (p) {
    if (!p) { return "—"; }
    var good = p === "ok" || p === "none";
    return '<span class="printer ' + (good ? "good" : "bad") + '">' + (PRINTER[p] || esc(p)) + "</span>";
  };

  function row(k) {
    var link = "/kiosks/" + encodeURIComponent(k.site) + "/" + encodeURIComponent(k.kiosk);
    return "<tr><td>" + esc(k.site) + '</td><td><a href="' + link + '">' + esc(k.kiosk) + "</a></td>" +
      '<td><span class="state ' + esc(k.state) + '">' + (STATE[k.state] || esc(k.state)) + "</span></td>" +
      "<td>" + short(k.since) + "</td><td>" + k.lastSeq + "</td>" +
      '<td class="' + (k.missing > 0 ? "bad" : "good") + '">' + k.missing + "</td>" +
      "<td>" + printer(k.printer) + "</td><td>" + dash(k.outboxDepth) + "</td><td>" + dash(k.ticketsToday) +
      "</td><td>" + dash(k.ratingsToday) + "</td></tr>";
  }

  function refreshFleet() {
    fetch("/api/kiosks", { credentials: "same-origin" }).then(function (r) {
      if (r.status === 401) { location.href = "/login"; return null; }
      return r.json();
    }).then(function (body) {
      if (!body) { return; }
      document.querySelector("#fleet tbody").innerHTML = body.kiosks.map(row).join("");
      document.getElementById("updated").textContent = new Date().toLocaleTimeString("zh-CN");
    }).catch(function () { /* the next refresh tries again */ });
  }

  function chart(el) {
    var q = "/api/events?type=telemetry&limit=10000&site=" + encodeURIComponent(el.dataset.site) + "&kiosk=" + encodeURIComponent(el.dataset.kiosk);
    fetch(q, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (body) {
      var events = body.events.slice(-500);
      var depth = events.map(function (e) { return [e.time, e.data.outbox ? e.data.outbox.depth : null]; });
      var heap = events.map(function (e) { return [e.time, e.data.heapUsedBytes ? Math.round(e.data.heapUsedBytes / 1048576) : null]; });
      var c = echarts.init(el);
      c.setOption({
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { data: ["积压 Outbox depth", "堆内存 Heap MB"] },
        grid: { left: 60, right: 60, top: 40, bottom: 40 },
        xAxis: { type: "time" },
        yAxis: [{ type: "value", name: "events" }, { type: "value", name: "MB" }],
        series: [
          { name: "积压 Outbox depth", type: "line", showSymbol: false, data: depth },
          { name: "堆内存 Heap MB", type: "line", showSymbol: false, yAxisIndex: 1, data: heap }
        ]
      });
      if (events.length === 0) {
        c.setOption({ title: { text: "尚无遥测 No telemetry yet", left: "center", top: "middle", textStyle: { color: "#5d6576", fontSize: 14 } } });
      }
    });
  }

  if (document.getElementById("fleet")) {
    document.getElementById("updated").textContent = new Date().toLocaleTimeString("zh-CN");
    setInterval(refreshFleet, 5000);
  }
  var el = document.getElementById("chart");
  if (el && window.echarts) { chart(el); }
})();
