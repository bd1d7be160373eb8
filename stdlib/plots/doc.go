// Package plots draws the pictures of the autoencoder and signal lessons
// with gonum.org/v1/plot and returns them as *Figure values that show
// themselves inline in a notebook: a Figure has PNG() ([]byte, error) and
// SVG() string, the methods stdlib/display looks for, so a cell ending in
// plots.LossCurves(hist) displays the curve.
//
// The pictures:
//
//   - Images, ImageRows: a grid of images (digits, patches).
//   - Reconstructions, ReconstructionRows: originals above reconstructions
//     (and, e.g., PCA below), one labelled row each.
//   - Filters: each hidden unit's weights as a normalised tile. For an
//     nn.Dense W (inputs×units) each COLUMN is a unit.
//   - LossCurves, HistoriesCurves, Curves, LinesXY: lines; validation
//     dashed.
//   - KLCurve, KLCurves, MeanActivations: the sparsity penalty.
//   - Histogram, Histograms, Scatter2D, Quiver: distributions, 2-D codes
//     by label, vector fields.
//   - Heatmap, HeatmapWithPeaks, Image, ImageWithBox(es): score maps,
//     images and matches.
//   - Signal1D, Signal1DAt: stacked stem plots for convolution and LTI
//     systems.
//   - Grid: figures side by side.
//   - LiveLoss: a loss curve redrawn in place on every epoch of a Fit.
//
// A Figure has both PNG and SVG forms, so its notebook output carries
// both (front ends show the SVG; nbconvert to PDF uses the PNG). Tile
// grids and images are raster pictures in either form, drawn at a whole
// number of screen pixels per image pixel so tiles stay sharp.
//
// Invariants:
//
//   - Rendering is deterministic: the same inputs give the same PNG and
//     SVG bytes.
//   - Constructors copy or convert what they need at call time: changing
//     the inputs afterwards does not change the figure.
//   - Image pictures map value 0 to black and 1 to white when all values
//     lie in [0, 1]; otherwise they rescale (see each function). NaN and
//     ±Inf never panic: they are skipped (lines, bars, points) or drawn in
//     a neutral colour (cells).
//   - Programmer errors (shapes that do not fit, names and series of
//     different lengths) panic with a *ShapeError. Nothing prints.
//   - Only compiled, concrete types and plain slices cross the API, so it
//     is usable from yaegi-interpreted cells.
package plots
