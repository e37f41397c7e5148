(function () {
  'use strict';
  var PAGE = 100;
  var dataEl = document.getElementById('kw-data');
  var data = dataEl ? JSON.parse(dataEl.textContent) : null;
  Array.prototype.forEach.call(document.querySelectorAll('.js-only'), function (e) { e.hidden = false; });
  if (data && data.findings && document.getElementById('findings-table')) { findings(data); }
  Array.prototype.forEach.call(document.querySelectorAll('svg.graph'), graph);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function findings(d) {
    var rows = d.findings, sev = d.severities, checks = d.checks;
    var table = document.getElementById('findings-table'), body = table.tBodies[0];
    var q = document.getElementById('q'), sevSel = document.getElementById('sev'), stateSel = document.getElementById('state');
    var count = document.getElementById('count'), pageEl = document.getElementById('page');
    var prev = document.getElementById('prev'), next = document.getElementById('next');
    var lower = rows.map(function (r) {
      return (checks[r[1]].id + '\u0000' + checks[r[1]].title + '\u0000' + r[2] + '\u0000' + r[4] + '\u0000' + r[7] + '\u0000' + r[9]).toLowerCase();
    });
    var order = rows.map(function (r, i) { return i; });
    var view = [], page = 0, sortCol = -1, sortDir = 1;
    function cmp(col) {
      return function (a, b) {
        var x = rows[a], y = rows[b], c;
        if (col === 1) { c = checks[x[1]].id < checks[y[1]].id ? -1 : checks[x[1]].id > checks[y[1]].id ? 1 : 0; }
        else if (col === 4) { c = x[4] < y[4] ? -1 : x[4] > y[4] ? 1 : (x[5] - y[5]) || (x[6] - y[6]); }
        else if (col === 0) { c = x[0] - y[0]; }
        else { c = x[col] < y[col] ? -1 : x[col] > y[col] ? 1 : 0; }
        return c * sortDir || (x[0] - y[0]) || (a - b);
      };
    }
    order.sort(cmp(0));
    function apply() {
      var text = q.value.trim().toLowerCase(), s = sevSel.value, st = stateSel.value, si = sev.indexOf(s);
      view = order.filter(function (i) {
        var r = rows[i];
        return (st === '' || r[8] === st) && (si < 0 || r[0] === si) && (text === '' || lower[i].indexOf(text) >= 0);
      });
      page = 0;
      render();
    }
    function render() {
      var pages = Math.max(1, Math.ceil(view.length / PAGE));
      if (page >= pages) { page = pages - 1; }
      var frag = document.createDocumentFragment();
      view.slice(page * PAGE, page * PAGE + PAGE).forEach(function (i) { frag.appendChild(row(rows[i])); });
      while (body.firstChild) { body.removeChild(body.firstChild); }
      body.appendChild(frag);
      count.textContent = view.length + ' of ' + rows.length + ' findings';
      count.setAttribute('data-count', view.length);
      pageEl.textContent = 'page ' + (page + 1) + ' of ' + pages;
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }
    function row(r) {
      var tr = el('tr'), c = checks[r[1]];
      var td = el('td'); td.appendChild(el('span', 'badge sev-' + sev[r[0]], sev[r[0]])); tr.appendChild(td);
      td = el('td'); var a = el('a', 'chk', c.id); a.href = '#check-' + c.id; a.title = c.title;
      a.addEventListener('click', function (ev) { ev.preventDefault(); toggle(tr, r); }); td.appendChild(a); tr.appendChild(td);
      tr.appendChild(el('td', null, r[2]));
      td = el('td'); td.appendChild(el('code', null, r[4] + ':' + r[5] + ':' + r[6])); tr.appendChild(td);
      tr.appendChild(el('td', null, r[7]));
      td = el('td', 'st', r[8]); if (r[9]) { td.appendChild(el('div', 'muted', r[9])); } tr.appendChild(td);
      return tr;
    }
    function toggle(tr, r) {
      var nextRow = tr.nextSibling;
      if (nextRow && nextRow.className === 'detail') { body.removeChild(nextRow); return; }
      var d = el('tr', 'detail'), td = el('td'); td.colSpan = 6;
      var c = checks[r[1]], src = document.getElementById('check-' + c.id);
      td.appendChild(el('strong', null, c.title));
      if (src && src.querySelector('dl')) { td.appendChild(src.querySelector('dl').cloneNode(true)); }
      d.appendChild(td);
      tr.parentNode.insertBefore(d, tr.nextSibling);
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.addEventListener('click', function () {
        var col = +th.getAttribute('data-sort');
        sortDir = sortCol === col ? -sortDir : 1;
        sortCol = col;
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.classList.remove('asc', 'desc'); });
        th.classList.add(sortDir > 0 ? 'asc' : 'desc');
        order.sort(cmp(col));
        apply();
      });
    });
    var timer = null;
    q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, rows.length > 20000 ? 150 : 0); });
    sevSel.addEventListener('change', apply);
    stateSel.addEventListener('change', apply);
    prev.addEventListener('click', function () { page--; render(); });
    next.addEventListener('click', function () { page++; render(); });
    apply();
    document.body.setAttribute('data-ready', 'true');
  }

  function graph(svg) {
    var edges = svg.querySelectorAll('.edge'), nodes = svg.querySelectorAll('.node');
    var byId = {};
    Array.prototype.forEach.call(nodes, function (n) { byId[n.getAttribute('data-id')] = n; });
    function focus(id) {
      svg.classList.add('focus');
      byId[id].classList.add('hl');
      Array.prototype.forEach.call(edges, function (e) {
        if (e.getAttribute('data-from') === id || e.getAttribute('data-to') === id) {
          e.classList.add('hl');
          var other = byId[e.getAttribute('data-from') === id ? e.getAttribute('data-to') : e.getAttribute('data-from')];
          if (other) { other.classList.add('hl'); }
        }
      });
    }
    function clear() {
      svg.classList.remove('focus');
      Array.prototype.forEach.call(svg.querySelectorAll('.hl'), function (e) { e.classList.remove('hl'); });
    }
    Array.prototype.forEach.call(nodes, function (n) {
      n.addEventListener('mouseenter', function () { focus(n.getAttribute('data-id')); });
      n.addEventListener('mouseleave', clear);
    });
    var input = document.getElementById('gq');
    if (input) {
      input.addEventListener('input', function () {
        var t = input.value.trim().toLowerCase(), first = null, hits = 0;
        Array.prototype.forEach.call(nodes, function (n) {
          var m = t !== '' && n.textContent.toLowerCase().indexOf(t) >= 0;
          n.classList.toggle('match', m);
          if (m) { hits++; if (!first) { first = n; } }
        });
        var out = document.getElementById('gcount');
        if (out) { out.textContent = t === '' ? '' : hits + ' matching'; out.setAttribute('data-count', hits); }
        if (first && first.scrollIntoView) { first.scrollIntoView({block: 'center', inline: 'center'}); }
      });
    }
    var zoom = 1, w = +svg.getAttribute('width'), h = +svg.getAttribute('height');
    function setZoom(z) { zoom = Math.max(0.2, Math.min(3, z)); svg.setAttribute('width', w * zoom); svg.setAttribute('height', h * zoom); }
    var zi = document.getElementById('zin'), zo = document.getElementById('zout');
    if (zi) { zi.addEventListener('click', function () { setZoom(zoom * 1.25); }); }
    if (zo) { zo.addEventListener('click', function () { setZoom(zoom / 1.25); }); }
    document.body.setAttribute('data-ready', 'true');
  }
})();
