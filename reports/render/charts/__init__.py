"""Charts: their layout, the SVG raport writes itself and the font metrics that place labels."""
