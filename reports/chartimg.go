package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// rankChartPNG draws the index of the first chartMax units in rank order
// as a PNG, each bar in its class's colour, as the PDF's summary does;
// the Word report shows it as a picture.
func rankChartPNG(ev *dti.Evaluation, lang indicators.Lang) ([]byte, error) {
	f, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		return nil, err
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 22, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	defer face.Close()
	var units []*dti.Unit
	for _, u := range ev.Units {
		if u.HasScore && len(units) < chartMax {
			units = append(units, u)
		}
	}
	const (
		w, labelW, barW, rowH, top, bottom = 1600, 560, 900, 34, 20, 50
	)
	h := top + rowH*max(len(units), 1) + bottom
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	text := func(s string, x, y int, right bool) {
		d := &font.Drawer{Dst: img, Src: image.NewUniform(color.RGBA{38, 38, 38, 255}), Face: face}
		adv := d.MeasureString(s).Round()
		if right {
			x -= adv
		}
		d.Dot = fixed.P(x, y)
		d.DrawString(s)
	}
	scale := ev.Framework.Scale
	for i, u := range units {
		y := top + i*rowH
		label := fmt.Sprintf("%d. %s", u.Rank, u.Name)
		text(label, labelW-12, y+rowH-10, true)
		bw := int(math.Round(clamp01(u.Score/scale) * barW))
		c := classColour(u.ClassIdx)
		draw.Draw(img, image.Rect(labelW, y+5, labelW+bw, y+rowH-5), image.NewUniform(color.RGBA{uint8(c.r), uint8(c.g), uint8(c.b), 255}), image.Point{}, draw.Src)
		text(dti.FormatScore(u.Score, ev.Precision(), lang), labelW+bw+10, y+rowH-10, false)
	}
	// The axis and its ticks, 0 to the scale.
	ay := top + rowH*len(units) + 4
	grey := image.NewUniform(color.RGBA{128, 128, 128, 255})
	draw.Draw(img, image.Rect(labelW, ay, labelW+barW, ay+2), grey, image.Point{}, draw.Src)
	for k := 0; k <= 4; k++ {
		x := labelW + barW*k/4
		draw.Draw(img, image.Rect(x, ay, x+2, ay+10), grey, image.Point{}, draw.Src)
		s := indicators.FormatNumber(scale*float64(k)/4, lang)
		text(s, x-10, ay+34, false)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
