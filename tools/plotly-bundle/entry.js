// What timeline's page draws with: plotly.js core (the scatter trace and every component the
// page uses: date axes, the range slider, shapes, hover labels and the mode bar) and the
// WebGL scatter trace for big timelines.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/scattergl')]);

module.exports = Plotly;
