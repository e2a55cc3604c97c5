// genre stream colours, shared by the page and the overlay.
// Seven of Okabe & Ito's colour-blind-safe colours (2008; their black left out, as the page is dark) and
// three of Paul Tol's (pale grey, purple, red; personal.sron.nl/~pault). Under simulated protanopia,
// deuteranopia and tritanopia (Machado et al. 2009, full severity) every two of the ten stay at least
// 7 CIEDE2000 units apart (the old Tableau 10 had red and green 0.7 apart; PaletteTests checks it). The chart
// also dashes four of the lines, so no pair of genres depends on colour alone.
'use strict';

const genrePalette = {
  blues: { colour: '#0072B2', dash: [] },
  classical: { colour: '#56B4E9', dash: [] },
  country: { colour: '#E69F00', dash: [6, 4] },
  disco: { colour: '#CC79A7', dash: [] },
  hiphop: { colour: '#F0E442', dash: [6, 4] },
  jazz: { colour: '#009E73', dash: [] },
  metal: { colour: '#DDDDDD', dash: [] },
  pop: { colour: '#AA3377', dash: [6, 4] },
  reggae: { colour: '#D55E00', dash: [2, 3] },
  rock: { colour: '#CC3311', dash: [] },
};
const spareColours = ['#0072B2', '#56B4E9', '#E69F00', '#CC79A7', '#F0E442', '#009E73', '#DDDDDD', '#AA3377', '#D55E00', '#CC3311'];

/** The colour and dash of a genre; a model with other labels gets the same ten colours by position. */
function genreStyle(label, index) {
  return genrePalette[label] || { colour: spareColours[index % spareColours.length], dash: index >= spareColours.length ? [6, 4] : [] };
}
