// The clerk's parcel page: register a parcel (label printed), hand parcels over to a grid worker (a USB
// barcode scanner types the label's QR into the scan field and presses Enter; a serial scanner's codes are
// scanned by the kiosk itself, which says so on /api/events), confirm (receipt printed).
(function () {
  "use strict";
  const params = new URLSearchParams(location.search);
  const windowId = params.get("window") || "";
  const tokenKey = "kiosk.counter.token." + windowId; // the clerk page's key: one token entry serves both
  const $ = (id) => document.getElementById(id);
  let session = null;
  let events = null;
  const SERIAL = " (串口扫码枪 serial scanner)";

  const ERRORS = {
    unauthorized: "口令无效，请重新输入 Invalid token, enter it again",
    invalid_argument: "输入有误 Invalid input",
    unknown_worker: "网格员不在名单中 Worker not in the list",
    unknown_parcel: "未知包裹码 Unknown parcel code",
    already_scanned: "该包裹已在清单中 Already scanned",
    already_handed_over: "该包裹已交接过 Already handed over",
    no_parcels: "请先扫描包裹 Scan a parcel first",
    unknown_handover: "交接已失效，请重新开始 Hand-over expired, start again",
    too_many_parcels: "一次交接的包裹过多 Too many parcels in one hand-over",
    outbox_full: "本机存储已满，请联系管理员 Storage full, call the administrator",
    storage_full: "本机存储已满，请联系管理员 Storage full, call the administrator",
    storage_failing: "本机存储故障，请联系管理员 Storage failing, call the administrator",
    body_too_large: "输入过长 Input too long",
  };
  const FIELDS = { matter: "事项 matter", residentName: "姓名 name", phone: "电话 phone", address: "地址 address",
    note: "备注 note", worker: "网格员 worker", code: "包裹码 code" };

  function show(text, kind) {
    const m = $("message");
    m.textContent = text;
    m.className = kind;
  }

  function describe(body, status) {
    const word = body && body.error ? body.error : "http_" + status;
    let text = ERRORS[word] || (word.startsWith("printer_") ? "打印机不可用 Printer unavailable (" + word.slice(8) + ")"
      : "操作失败 Failed (" + word + ")");
    if (body && body.field && FIELDS[body.field]) {
      text += " — " + FIELDS[body.field];
    }
    if (body && body.message && word !== "unauthorized") {
      text += ": " + body.message;
    }
    return text;
  }

  async function api(method, path, body) {
    const init = { method, headers: { Authorization: "Bearer " + localStorage.getItem(tokenKey) } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (res.status === 401) {
      localStorage.removeItem(tokenKey);
      askToken();
    }
    if (!res.ok) {
      const err = new Error(describe(data, res.status));
      err.status = res.status;
      throw err;
    }
    return data;
  }

  function askToken() {
    $("token-section").hidden = false;
    $("main").hidden = true;
    $("token").focus();
  }

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  async function loadWorkers() {
    const data = await api("GET", "/api/parcels/workers");
    const select = $("worker-select");
    select.length = 1;
    for (const w of data.workers) {
      const o = document.createElement("option");
      o.value = w.id;
      o.textContent = w.name + " (" + w.id + ")";
      select.appendChild(o);
    }
  }

  async function loadWaiting() {
    const data = await api("GET", "/api/parcels");
    const body = $("waiting").tBodies[0];
    body.textContent = "";
    for (const p of data.parcels) {
      const tr = document.createElement("tr");
      tr.dataset.parcel = p.parcelId;
      cell(tr, p.number); cell(tr, p.matter); cell(tr, p.residentName); cell(tr, p.phone);
      const b = document.createElement("button");
      b.className = "secondary";
      b.textContent = "补打标签 Reprint label";
      b.onclick = () => run(async () => {
        await api("POST", "/api/parcels/" + encodeURIComponent(p.parcelId) + "/label", {});
        show("标签已补打 Label reprinted: " + p.number, "ok");
      });
      cell(tr, "").appendChild(b);
      body.appendChild(tr);
    }
  }

  function render() {
    $("session").hidden = !session;
    $("start-form").hidden = !!session;
    if (!session) {
      return;
    }
    $("session-worker").textContent = "网格员 Worker: " + session.workerName + " (" + session.worker + ")";
    const body = $("scanned").tBodies[0];
    body.textContent = "";
    session.parcels.forEach((p, i) => {
      const tr = document.createElement("tr");
      tr.dataset.parcel = p.parcelId;
      cell(tr, String(i + 1)); cell(tr, p.number); cell(tr, p.matter); cell(tr, p.residentName);
      const b = document.createElement("button");
      b.className = "secondary";
      b.textContent = "移除 Remove";
      b.onclick = () => run(async () => {
        session = await api("DELETE", "/api/handovers/" + session.handoverId + "/scans/" + encodeURIComponent(p.parcelId));
        render();
      });
      cell(tr, "").appendChild(b);
      body.appendChild(tr);
    });
    $("count").textContent = "共 " + session.parcels.length + " 件 " + session.parcels.length + " parcel(s)";
    $("scan").focus();
  }

  async function run(action) {
    try {
      await action();
    } catch (e) {
      show(e.message, "error");
    }
  }

  $("token-form").onsubmit = (ev) => {
    ev.preventDefault();
    localStorage.setItem(tokenKey, $("token").value.trim());
    $("token").value = "";
    start();
  };

  $("register-form").onsubmit = (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const body = {};
    for (const name of ["matter", "residentName", "phone", "address", "note"]) {
      body[name] = form.elements[name].value;
    }
    run(async () => {
      $("register-button").disabled = true;
      try {
        const p = await api("POST", "/api/parcels", body);
        show("已登记 Registered: " + p.number + " · " + p.matter + " · " + p.residentName + " " + p.phone
          + (p.printed ? " · 标签已打印 label printed" : " · 标签未打印 label NOT printed"), "ok");
        form.reset();
        await loadWaiting();
      } finally {
        $("register-button").disabled = false;
      }
    });
  };

  $("worker-select").onchange = () => { $("worker-id").value = $("worker-select").value; };

  $("start-form").onsubmit = (ev) => {
    ev.preventDefault();
    run(async () => {
      session = await api("POST", "/api/handovers", { worker: $("worker-id").value.trim() });
      $("done").hidden = true;
      show("请扫描包裹 Scan the parcels", "ok");
      render();
    });
  };

  // a USB scanner is a keyboard: it types the code and presses Enter, which submits this form
  $("scan-form").onsubmit = (ev) => {
    ev.preventDefault();
    const code = $("scan").value.trim();
    $("scan").value = "";
    if (!code) {
      return;
    }
    run(async () => {
      session = await api("POST", "/api/handovers/" + session.handoverId + "/scans", { code });
      const last = session.parcels[session.parcels.length - 1];
      show("已扫描 Scanned: " + last.number + " · " + last.matter, "ok");
      render();
    }).then(() => $("scan").focus());
  };

  $("confirm-button").onclick = () => run(async () => {
    const done = await api("POST", "/api/handovers/" + session.handoverId + "/confirm", {});
    session = null;
    render();
    const d = $("done");
    d.hidden = false;
    d.textContent = "交接完成 Handed over: " + done.parcels.length + " 件 parcel(s) → " + done.workerName
      + (done.printed ? " · 回执已打印 receipt printed" : " · 回执未打印 receipt NOT printed");
    d.dataset.handover = done.handoverId;
    show(d.textContent, "ok");
    $("worker-id").value = "";
    $("worker-select").value = "";
    await loadWaiting();
  });

  $("cancel-button").onclick = () => run(async () => {
    await api("POST", "/api/handovers/" + session.handoverId + "/cancel", {});
    session = null;
    render();
    show("已取消 Cancelled", "ok");
  });

  // a serial scanner's code was scanned by the kiosk: the event names the window and the refusal, if any;
  // the hand-over itself is read with this window's token
  function serialScan(d) {
    if (d.error && (session || d.error === "unknown_handover")) {
      show((!session ? "请先开始交接 Start a hand-over first" : describe({ error: d.error, field: d.field }, 0)) + SERIAL,
        "error");
    }
    if (!session || (d.handoverId && d.handoverId !== session.handoverId)) {
      return;
    }
    run(async () => {
      const id = session.handoverId;
      const h = await api("GET", "/api/handovers/" + id);
      if (!session || session.handoverId !== id || h.state !== "open") {
        return;
      }
      session = h;
      if (!d.error && !d.quiet && h.parcels.length) {
        const last = h.parcels[h.parcels.length - 1];
        show("已扫描 Scanned: " + last.number + " · " + last.matter + SERIAL, "ok");
      }
      render();
    });
  }

  function listen() {
    if (events) {
      return;
    }
    events = new EventSource("/api/events");
    events.addEventListener("scan", (e) => {
      let d = null;
      try { d = JSON.parse(e.data); } catch (x) { return; }
      if (d && d.window === windowId) {
        serialScan(d);
      }
    });
    // scans while the stream was down were missed: read the hand-over again
    events.addEventListener("open", () => { if (session) { serialScan({ window: windowId, quiet: true }); } });
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) {
        events = null;
        setTimeout(listen, 5000);
      }
    };
  }

  async function start() {
    $("window-label").textContent = windowId ? "窗口 Window " + windowId : "";
    $("counter-link").href = "/counter?window=" + encodeURIComponent(windowId);
    if (!localStorage.getItem(tokenKey)) {
      askToken();
      return;
    }
    $("token-section").hidden = true;
    $("main").hidden = false;
    listen();
    await run(async () => {
      await loadWorkers();
      await loadWaiting();
    });
    render();
  }

  start();
})();
