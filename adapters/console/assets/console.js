// Console charts: reads the figures the server put in #donnees-graphes and draws them with uPlot (served from node_modules).
/* global uPlot */
(function () {
  'use strict';
  var source = document.getElementById('donnees-graphes');
  if (!source || typeof uPlot === 'undefined') return;
  var data = JSON.parse(source.textContent || '{}');
  var xs = (data.periods || []).map(function (day) {
    return Date.parse(day + 'T12:00:00Z') / 1000;
  });
  if (xs.length === 0) return;

  function width(el) {
    return Math.max(280, Math.min(el.clientWidth || 800, 1100));
  }

  function chart(id, title, series, values, yLabel) {
    var el = document.getElementById(id);
    if (!el) return;
    var options = {
      title: title,
      width: width(el),
      height: 260,
      scales: {
        x: {
          time: true,
          // One period only: a day either side, so the point is not alone at the edge of a meaningless range.
          range: function (u, min, max) {
            return min === max ? [min - 86400, max + 86400] : [min, max];
          },
        },
      },
      axes: [{}, { label: yLabel }],
      series: [{ label: 'Période' }].concat(series),
      fmtDate: function () {
        return function (date) {
          return date.toLocaleDateString('fr-FR', { day: '2-digit', month: '2-digit' });
        };
      },
    };
    var plot = new uPlot(options, [xs].concat(values), el);
    window.addEventListener('resize', function () {
      plot.setSize({ width: width(el), height: 260 });
    });
  }

  chart(
    'graphe-volumes',
    'Questions par période',
    [
      { label: 'Posées', stroke: '#000091', width: 2 },
      { label: 'Répondues', stroke: '#18753c', width: 2 },
      { label: 'Clarifiées', stroke: '#b34000', width: 2 },
      { label: 'Sans réponse', stroke: '#ce0500', width: 2 },
    ],
    [data.questions, data.answered, data.clarified, data.declined],
    'questions',
  );
  chart('graphe-utile', 'Part des votes 👍 (%)', [{ label: '👍 %', stroke: '#000091', width: 2, spanGaps: true }], [data.helpful], '%');
})();
