package ae

import (
	"context"
	"fmt"

	"github.com/gokernel/gokernel/stdlib/session"
	"gonum.org/v1/gonum/mat"
)

// Pretrain runs greedy layer-wise pretraining, polling the notebook's
// interrupt (stdlib/session.Context). See PretrainContext.
func (m *Autoencoder) Pretrain(x *mat.Dense, opts FitOptions) ([]*History, error) {
	return m.PretrainContext(session.Context(), x, opts)
}

// PretrainContext trains the model greedily, one encoder layer at a time
// (Bengio et al. 2007; Hinton & Salakhutdinov 2006 with autoencoders in place
// of RBMs): stage l trains the shallow autoencoder made of encoder layer l and
// its mirror decoder layer on the codes of layers 1…l−1 of x (computed
// clean, with the layers already pretrained), for opts.Epochs epochs. The
// stacked layers are the model's own, so afterwards the deep model is
// "unrolled" already and Fit fine-tunes it. With tied weights the decoder
// layers are the transposes of the pretrained encoder layers.
//
// In every stage the noise corrupts that stage's input (stacked denoising
// AEs), the contractive penalty applies to that stage's encoder layer
// (stacked contractive AEs), and weight decay to its weights; the sparsity
// and L1 penalties apply only in the last stage, whose hidden layer is the
// code. Stage 1 uses Config.Loss; later stages reconstruct hidden codes with
// the squared error.
//
// It returns one History per stage completed or interrupted. Cancellation
// and NaN handling are those of FitContext: the error names the stage.
func (m *Autoencoder) PretrainContext(ctx context.Context, x *mat.Dense, opts FitOptions) ([]*History, error) {
	m.checkData("Pretrain", x, opts.Validation)
	if err := checkFinite(x, opts.Validation); err != nil {
		return nil, err
	}
	opts.defaults(&m.cfg)
	defer holdThreads(opts.Threads)()
	L := len(m.dense)
	var hists []*History
	in, val := x, opts.Validation
	for l := 0; l < L; l++ {
		enc := m.dense[l]
		stageNet := newNet(m.dense[l:l+1], m.net.dec[L-1-l:L-l])
		m.configure(stageNet, l)
		name := fmt.Sprintf("pretrain layer %d (%d-%d)", l+1, enc.InSize(), enc.OutSize())
		h, err := train(ctx, stageNet, in, val, opts, name, uint64(l+1))
		hists = append(hists, h)
		if err != nil {
			return hists, err
		}
		if l+1 < L {
			in = run(in, enc.OutSize(), enc.Forward)
			if val != nil {
				val = run(val, enc.OutSize(), enc.Forward)
			}
		}
	}
	return hists, nil
}
