/** Okabe–Ito: distinguishable for colour-blind viewers and strong enough for a projector. */
export const CATEGORY_COLORS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
export const SINGLE_COLOR = '#0072B2';
