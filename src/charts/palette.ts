/** Okabe–Ito: distinguishable for colour-blind viewers and strong enough for a projector. */
export const CATEGORY_COLORS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
export const SINGLE_COLOR = '#0072B2';

/** The four classification levels, best to worst, in Okabe–Ito colours that keep their order
 *  readable: bluish green, sky blue, orange, vermillion. */
export const LEVEL_COLORS = ['#009E73', '#56B4E9', '#E69F00', '#D55E00'];
