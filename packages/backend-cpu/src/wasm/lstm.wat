;; The element-wise part of the fused LSTM step, forward and backward, in WebAssembly SIMD
;; (float32, four hidden units at a time; the hidden size must be a multiple of 4). Gate order
;; i, f, g, o (PyTorch). The matrix products around it run in gemm.wat, in the same memory (this
;; module imports gemm.wat's memory), so the gate pre-activations never leave it.
;;
;; exp, σ and tanh are vectorized approximations with float32 accuracy (Cephes expf / tanhf):
;;   e^x = 2^n · e^r, n = round(x·log₂e), r = x − n·ln2 (|r| ≤ ln2/2), e^r by a degree-7 polynomial;
;;   σ(x) = 1 / (1 + e^−x);  tanh x = x + x³·P(x²) for |x| < 0.625, else sign(x)·(1 − 2/(e^{2|x|} + 1)).
;; Every pointer is a byte address. Assemble with `pnpm --filter @rnnkit/backend-cpu build:wasm`.
(module
  (import "env" "memory" (memory 1))

  ;; e^x for four floats: +inf above 88.72 (overflow), 0 below −103.98 (underflow), subnormal
  ;; results in between, NaN stays NaN.
  (func $exp (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $p v128) (local $k v128) (local $half v128)
    (local $result v128)
    ;; clamp so that n = round(x·log₂e) stays in [−150, 128]
    (local.set $r (f32x4.min
      (f32x4.max (local.get $x) (f32x4.splat (f32.const -103.97208)))
      (f32x4.splat (f32.const 88.72283))))
    ;; n = round(x · log₂e)
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $r) (f32x4.splat (f32.const 1.44269504)))))
    ;; r = x − n·ln2, ln2 split as 0.693359375 − 2.12194440e−4 (Cody–Waite) so n·C1 is exact
    (local.set $r (f32x4.sub (local.get $r) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375)))))
    (local.set $r (f32x4.add (local.get $r) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 2.12194440e-4)))))
    ;; e^r ≈ 1 + r + r²·(c0 + r·(c1 + r·(c2 + r·(c3 + r·(c4 + r·c5)))))
    (local.set $p (f32x4.splat (f32.const 1.9875691500e-4)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.3981999507e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 8.3334519073e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 4.1665795894e-2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.6666665459e-1))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 5.0000001201e-1))))
    (local.set $p (f32x4.add
      (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $r)) (local.get $r)) (local.get $r))
      (f32x4.splat (f32.const 1))))
    ;; · 2^n as 2^h · 2^(n − h), h = floor(n/2): each factor a normal float (exponent bits = e + 127),
    ;; and the product rounds gracefully into subnormals
    (local.set $k (i32x4.trunc_sat_f32x4_s (local.get $n)))
    (local.set $half (i32x4.shr_s (local.get $k) (i32.const 1)))
    (local.set $result (f32x4.mul
      (f32x4.mul (local.get $p)
        (i32x4.shl (i32x4.add (local.get $half) (i32x4.splat (i32.const 127))) (i32.const 23)))
      (i32x4.shl
        (i32x4.add (i32x4.sub (local.get $k) (local.get $half)) (i32x4.splat (i32.const 127)))
        (i32.const 23))))
    (local.set $result (v128.bitselect
      (f32x4.splat (f32.const inf)) (local.get $result)
      (f32x4.gt (local.get $x) (f32x4.splat (f32.const 88.72283)))))
    (v128.bitselect
      (f32x4.splat (f32.const 0)) (local.get $result)
      (f32x4.lt (local.get $x) (f32x4.splat (f32.const -103.97208)))))

  ;; σ(x) = 1 / (1 + e^−x): exactly 1 for large x, exactly 0 below −88.73 (e^−x = +inf)
  (func $sigmoid (param $x v128) (result v128)
    (f32x4.div (f32x4.splat (f32.const 1))
      (f32x4.add (f32x4.splat (f32.const 1)) (call $exp (f32x4.neg (local.get $x))))))

  ;; tanh x (Cephes tanhf): odd polynomial near 0, 1 − 2/(e^{2|x|} + 1) with x's sign elsewhere
  (func $tanh (param $x v128) (result v128)
    (local $a v128) (local $z v128) (local $p v128) (local $large v128)
    (local.set $a (f32x4.abs (local.get $x)))
    (local.set $large (f32x4.sub (f32x4.splat (f32.const 1))
      (f32x4.div (f32x4.splat (f32.const 2))
        (f32x4.add (call $exp (f32x4.add (local.get $a) (local.get $a))) (f32x4.splat (f32.const 1))))))
    ;; |tanh| ≥ 0 here: or-ing in x's sign bit gives sign(x)·|tanh x|
    (local.set $large (v128.or (local.get $large)
      (v128.and (local.get $x) (i32x4.splat (i32.const 0x80000000)))))
    (local.set $z (f32x4.mul (local.get $x) (local.get $x)))
    (local.set $p (f32x4.splat (f32.const -5.70498872745e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $z)) (f32x4.splat (f32.const 2.06390887954e-2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $z)) (f32x4.splat (f32.const -5.37397155531e-2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $z)) (f32x4.splat (f32.const 1.33314422036e-1))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $z)) (f32x4.splat (f32.const -3.33332819422e-1))))
    (v128.bitselect
      ;; x + x·z·P(z)
      (f32x4.add (local.get $x) (f32x4.mul (f32x4.mul (local.get $p) (local.get $z)) (local.get $x)))
      (local.get $large)
      (f32x4.lt (local.get $a) (f32x4.splat (f32.const 0.625)))))

  ;; One LSTM step after the product: for each row b and unit j (four at a time)
  ;;   i = σ(xi + hi), f = σ(xf + hf), g = tanh(xg + hg), o = σ(xo + ho)
  ;;   c' = f∘c + i∘g,  h' = o∘tanh(c')
  ;; where x· = xProj[b, block·H + j] and h· = gates[b, block·H + j] = (h·W_hhᵀ)[b, block·H + j].
  ;; gates [B,4H] is overwritten with the activated i, f, g, o; c, c', h' are [B,H].
  (func $lstmForward (export "lstmForward")
    (param $batch i32) (param $hidden i32) (param $xProj i32) (param $gates i32) (param $c i32)
    (param $hNew i32) (param $cNew i32)
    (local $b i32) (local $j i32) (local $block i32) (local $x i32) (local $gate i32) (local $k i32)
    (local $i v128) (local $f v128) (local $g v128) (local $o v128) (local $cn v128)
    ;; bytes in one gate block of a row
    (local.set $block (i32.shl (local.get $hidden) (i32.const 2)))
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $units
        ;; &xProj[b, j], &gates[b, j] (gate block i) and &c[b, j]
        (local.set $x (i32.add (local.get $xProj)
          (i32.shl (i32.add (i32.mul (local.get $b) (i32.shl (local.get $hidden) (i32.const 2))) (local.get $j)) (i32.const 2))))
        (local.set $gate (i32.add (local.get $gates)
          (i32.sub (local.get $x) (local.get $xProj))))
        (local.set $k (i32.shl (i32.add (i32.mul (local.get $b) (local.get $hidden)) (local.get $j)) (i32.const 2)))
        (local.set $i (call $sigmoid (f32x4.add (v128.load (local.get $x)) (v128.load (local.get $gate)))))
        (local.set $x (i32.add (local.get $x) (local.get $block)))
        (local.set $gate (i32.add (local.get $gate) (local.get $block)))
        (local.set $f (call $sigmoid (f32x4.add (v128.load (local.get $x)) (v128.load (local.get $gate)))))
        (local.set $x (i32.add (local.get $x) (local.get $block)))
        (local.set $gate (i32.add (local.get $gate) (local.get $block)))
        (local.set $g (call $tanh (f32x4.add (v128.load (local.get $x)) (v128.load (local.get $gate)))))
        (local.set $x (i32.add (local.get $x) (local.get $block)))
        (local.set $gate (i32.add (local.get $gate) (local.get $block)))
        (local.set $o (call $sigmoid (f32x4.add (v128.load (local.get $x)) (v128.load (local.get $gate)))))
        (v128.store (local.get $gate) (local.get $o))
        (local.set $gate (i32.sub (local.get $gate) (local.get $block)))
        (v128.store (local.get $gate) (local.get $g))
        (local.set $gate (i32.sub (local.get $gate) (local.get $block)))
        (v128.store (local.get $gate) (local.get $f))
        (local.set $gate (i32.sub (local.get $gate) (local.get $block)))
        (v128.store (local.get $gate) (local.get $i))
        ;; c' = f∘c + i∘g;  h' = o∘tanh(c')
        (local.set $cn (f32x4.add
          (f32x4.mul (local.get $f) (v128.load (i32.add (local.get $c) (local.get $k))))
          (f32x4.mul (local.get $i) (local.get $g))))
        (v128.store (i32.add (local.get $cNew) (local.get $k)) (local.get $cn))
        (v128.store (i32.add (local.get $hNew) (local.get $k))
          (f32x4.mul (local.get $o) (call $tanh (local.get $cn))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $units (i32.lt_s (local.get $j) (local.get $hidden))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows (i32.lt_s (local.get $b) (local.get $batch)))))

  ;; Backward of the element-wise part, from dh', dc' [B,H], the activated gates [B,4H], c, c' [B,H]:
  ;;   tc = tanh(c'),  dc̃ = dc' + dh'∘o∘(1 − tc²)
  ;;   dXi = dc̃∘g∘i(1 − i),  dXf = dc̃∘c∘f(1 − f),  dXg = dc̃∘i∘(1 − g²),  dXo = dh'∘tc∘o(1 − o)
  ;;   dc = dc̃∘f
  ;; into dXProj [B,4H] (the gradient of the pre-activations) and dC [B,H].
  (func $lstmBackward (export "lstmBackward")
    (param $batch i32) (param $hidden i32) (param $dh i32) (param $dc i32) (param $gates i32)
    (param $c i32) (param $cNew i32) (param $dXProj i32) (param $dC i32)
    (local $b i32) (local $j i32) (local $block i32) (local $gate i32) (local $out i32) (local $k i32)
    (local $i v128) (local $f v128) (local $g v128) (local $o v128) (local $one v128)
    (local $dhk v128) (local $tc v128) (local $dct v128)
    (local.set $block (i32.shl (local.get $hidden) (i32.const 2)))
    (local.set $one (f32x4.splat (f32.const 1)))
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $units
        (local.set $gate (i32.add (local.get $gates)
          (i32.shl (i32.add (i32.mul (local.get $b) (i32.shl (local.get $hidden) (i32.const 2))) (local.get $j)) (i32.const 2))))
        (local.set $out (i32.add (local.get $dXProj) (i32.sub (local.get $gate) (local.get $gates))))
        (local.set $k (i32.shl (i32.add (i32.mul (local.get $b) (local.get $hidden)) (local.get $j)) (i32.const 2)))
        (local.set $i (v128.load (local.get $gate)))
        (local.set $f (v128.load (i32.add (local.get $gate) (local.get $block))))
        (local.set $g (v128.load (i32.add (local.get $gate) (i32.shl (local.get $block) (i32.const 1)))))
        (local.set $o (v128.load (i32.add (local.get $gate) (i32.mul (local.get $block) (i32.const 3)))))
        (local.set $dhk (v128.load (i32.add (local.get $dh) (local.get $k))))
        (local.set $tc (call $tanh (v128.load (i32.add (local.get $cNew) (local.get $k)))))
        ;; dc̃ = dc' + dh'∘o∘(1 − tc²)
        (local.set $dct (f32x4.add (v128.load (i32.add (local.get $dc) (local.get $k)))
          (f32x4.mul (f32x4.mul (local.get $dhk) (local.get $o))
            (f32x4.sub (local.get $one) (f32x4.mul (local.get $tc) (local.get $tc))))))
        ;; dXi = dc̃∘g∘i(1 − i)
        (v128.store (local.get $out)
          (f32x4.mul (f32x4.mul (f32x4.mul (local.get $dct) (local.get $g)) (local.get $i))
            (f32x4.sub (local.get $one) (local.get $i))))
        ;; dXf = dc̃∘c∘f(1 − f)
        (v128.store (i32.add (local.get $out) (local.get $block))
          (f32x4.mul
            (f32x4.mul (f32x4.mul (local.get $dct) (v128.load (i32.add (local.get $c) (local.get $k))))
              (local.get $f))
            (f32x4.sub (local.get $one) (local.get $f))))
        ;; dXg = dc̃∘i∘(1 − g²)
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $block) (i32.const 1)))
          (f32x4.mul (f32x4.mul (local.get $dct) (local.get $i))
            (f32x4.sub (local.get $one) (f32x4.mul (local.get $g) (local.get $g)))))
        ;; dXo = dh'∘tc∘o(1 − o)
        (v128.store (i32.add (local.get $out) (i32.mul (local.get $block) (i32.const 3)))
          (f32x4.mul (f32x4.mul (f32x4.mul (local.get $dhk) (local.get $tc)) (local.get $o))
            (f32x4.sub (local.get $one) (local.get $o))))
        ;; dc = dc̃∘f
        (v128.store (i32.add (local.get $dC) (local.get $k)) (f32x4.mul (local.get $dct) (local.get $f)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $units (i32.lt_s (local.get $j) (local.get $hidden))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows (i32.lt_s (local.get $b) (local.get $batch)))))

  ;; One GRU step after the product (PyTorch's form, reset after the product), four units at a time:
  ;;   r = σ(x_r + rec_r + b_r),  z = σ(x_z + rec_z + b_z),  hn = rec_n + b_n
  ;;   n = tanh(x_n + r∘hn),  h' = (1 − z)∘n + z∘h
  ;; xProj, rec [B,3H] (rec = h·W_hhᵀ), bias [3H], h [B,H]; writes gates [B,4H] = r, z, n, hn and h'.
  (func $gruForward (export "gruForward")
    (param $batch i32) (param $hidden i32) (param $xProj i32) (param $rec i32) (param $bias i32)
    (param $h i32) (param $gates i32) (param $hNew i32)
    (local $b i32) (local $j i32) (local $block i32) (local $x i32) (local $q i32) (local $g i32)
    (local $k i32) (local $jb i32)
    (local $r v128) (local $z v128) (local $n v128) (local $hn v128) (local $hv v128)
    (local.set $block (i32.shl (local.get $hidden) (i32.const 2)))
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $units
        ;; byte offsets of unit j in a [·,3H] row (x, rec), a [·,4H] row (gates), a [·,H] row, and b
        (local.set $x (i32.shl (i32.add (i32.mul (local.get $b) (i32.mul (local.get $hidden) (i32.const 3))) (local.get $j)) (i32.const 2)))
        (local.set $g (i32.shl (i32.add (i32.mul (local.get $b) (i32.shl (local.get $hidden) (i32.const 2))) (local.get $j)) (i32.const 2)))
        (local.set $k (i32.shl (i32.add (i32.mul (local.get $b) (local.get $hidden)) (local.get $j)) (i32.const 2)))
        (local.set $jb (i32.shl (local.get $j) (i32.const 2)))
        (local.set $q (local.get $x))
        ;; r = σ(x_r + rec_r + b_r)
        (local.set $r (call $sigmoid (f32x4.add
          (f32x4.add (v128.load (i32.add (local.get $xProj) (local.get $q))) (v128.load (i32.add (local.get $rec) (local.get $q))))
          (v128.load (i32.add (local.get $bias) (local.get $jb))))))
        ;; z = σ(x_z + rec_z + b_z)
        (local.set $q (i32.add (local.get $q) (local.get $block)))
        (local.set $z (call $sigmoid (f32x4.add
          (f32x4.add (v128.load (i32.add (local.get $xProj) (local.get $q))) (v128.load (i32.add (local.get $rec) (local.get $q))))
          (v128.load (i32.add (local.get $bias) (i32.add (local.get $jb) (local.get $block)))))))
        ;; hn = rec_n + b_n;  n = tanh(x_n + r∘hn)
        (local.set $q (i32.add (local.get $q) (local.get $block)))
        (local.set $hn (f32x4.add (v128.load (i32.add (local.get $rec) (local.get $q)))
          (v128.load (i32.add (local.get $bias) (i32.add (local.get $jb) (i32.shl (local.get $block) (i32.const 1)))))))
        (local.set $n (call $tanh (f32x4.add (v128.load (i32.add (local.get $xProj) (local.get $q)))
          (f32x4.mul (local.get $r) (local.get $hn)))))
        (v128.store (i32.add (local.get $gates) (local.get $g)) (local.get $r))
        (v128.store (i32.add (local.get $gates) (i32.add (local.get $g) (local.get $block))) (local.get $z))
        (v128.store (i32.add (local.get $gates) (i32.add (local.get $g) (i32.shl (local.get $block) (i32.const 1)))) (local.get $n))
        (v128.store (i32.add (local.get $gates) (i32.add (local.get $g) (i32.mul (local.get $block) (i32.const 3)))) (local.get $hn))
        ;; h' = (1 − z)∘n + z∘h = n + z∘(h − n)
        (local.set $hv (v128.load (i32.add (local.get $h) (local.get $k))))
        (v128.store (i32.add (local.get $hNew) (local.get $k))
          (f32x4.add (local.get $n) (f32x4.mul (local.get $z) (f32x4.sub (local.get $hv) (local.get $n)))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $units (i32.lt_s (local.get $j) (local.get $hidden))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows (i32.lt_s (local.get $b) (local.get $batch)))))

  ;; Backward of gruForward's element-wise part, from dh' [B,H], the saved gates [B,4H] and h [B,H]:
  ;;   dn* = dh'∘(1 − z)∘(1 − n²),  dz* = dh'∘(h − n)∘z(1 − z),  dhn = dn*∘r,  dr* = dn*∘hn∘r(1 − r)
  ;; into dXProj [B,3H] = [dr*, dz*, dn*], dRec [B,3H] = [dr*, dz*, dhn] (the gradient of h·W_hhᵀ
  ;; and of b_hh) and dhPrev [B,H] += dh'∘z (the direct path; the caller adds dRec·W_hh).
  (func $gruBackward (export "gruBackward")
    (param $batch i32) (param $hidden i32) (param $dh i32) (param $gates i32) (param $h i32)
    (param $dXProj i32) (param $dRec i32) (param $dhPrev i32)
    (local $b i32) (local $j i32) (local $block i32) (local $x i32) (local $g i32) (local $k i32)
    (local $r v128) (local $z v128) (local $n v128) (local $hn v128) (local $d v128) (local $one v128)
    (local $dn v128) (local $dz v128) (local $dr v128)
    (local.set $block (i32.shl (local.get $hidden) (i32.const 2)))
    (local.set $one (f32x4.splat (f32.const 1)))
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $units
        (local.set $x (i32.shl (i32.add (i32.mul (local.get $b) (i32.mul (local.get $hidden) (i32.const 3))) (local.get $j)) (i32.const 2)))
        (local.set $g (i32.add (local.get $gates)
          (i32.shl (i32.add (i32.mul (local.get $b) (i32.shl (local.get $hidden) (i32.const 2))) (local.get $j)) (i32.const 2))))
        (local.set $k (i32.shl (i32.add (i32.mul (local.get $b) (local.get $hidden)) (local.get $j)) (i32.const 2)))
        (local.set $r (v128.load (local.get $g)))
        (local.set $z (v128.load (i32.add (local.get $g) (local.get $block))))
        (local.set $n (v128.load (i32.add (local.get $g) (i32.shl (local.get $block) (i32.const 1)))))
        (local.set $hn (v128.load (i32.add (local.get $g) (i32.mul (local.get $block) (i32.const 3)))))
        (local.set $d (v128.load (i32.add (local.get $dh) (local.get $k))))
        ;; dn* = dh'∘(1 − z)∘(1 − n²)
        (local.set $dn (f32x4.mul (f32x4.mul (local.get $d) (f32x4.sub (local.get $one) (local.get $z)))
          (f32x4.sub (local.get $one) (f32x4.mul (local.get $n) (local.get $n)))))
        ;; dz* = dh'∘(h − n)∘z(1 − z)
        (local.set $dz (f32x4.mul
          (f32x4.mul (local.get $d) (f32x4.sub (v128.load (i32.add (local.get $h) (local.get $k))) (local.get $n)))
          (f32x4.mul (local.get $z) (f32x4.sub (local.get $one) (local.get $z)))))
        ;; dr* = dn*∘hn∘r(1 − r)
        (local.set $dr (f32x4.mul (f32x4.mul (local.get $dn) (local.get $hn))
          (f32x4.mul (local.get $r) (f32x4.sub (local.get $one) (local.get $r)))))
        (v128.store (i32.add (local.get $dXProj) (local.get $x)) (local.get $dr))
        (v128.store (i32.add (local.get $dRec) (local.get $x)) (local.get $dr))
        (local.set $x (i32.add (local.get $x) (local.get $block)))
        (v128.store (i32.add (local.get $dXProj) (local.get $x)) (local.get $dz))
        (v128.store (i32.add (local.get $dRec) (local.get $x)) (local.get $dz))
        (local.set $x (i32.add (local.get $x) (local.get $block)))
        (v128.store (i32.add (local.get $dXProj) (local.get $x)) (local.get $dn))
        ;; dhn = dn*∘r
        (v128.store (i32.add (local.get $dRec) (local.get $x)) (f32x4.mul (local.get $dn) (local.get $r)))
        ;; dh_{t−1} += dh'∘z
        (v128.store (i32.add (local.get $dhPrev) (local.get $k))
          (f32x4.add (v128.load (i32.add (local.get $dhPrev) (local.get $k))) (f32x4.mul (local.get $d) (local.get $z))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $units (i32.lt_s (local.get $j) (local.get $hidden))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows (i32.lt_s (local.get $b) (local.get $batch)))))

  ;; Copies rows of $width floats between a batch-first [B,T,·] array at $batchFirst and the same rows
  ;; in processing order [T,B,·] at $stepMajor: row (b, t) ↔ row (s, b), t = s (or T−1−s when
  ;; $backwards). $toStepMajor picks the direction.
  (func $permuteRows (export "permuteRows")
    (param $batchFirst i32) (param $stepMajor i32) (param $batch i32) (param $steps i32)
    (param $width i32) (param $backwards i32) (param $toStepMajor i32)
    (local $s i32) (local $b i32) (local $t i32) (local $bytes i32) (local $from i32) (local $to i32)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 2)))
    (loop $stepsLoop
      (local.set $t (select
        (i32.sub (i32.sub (local.get $steps) (i32.const 1)) (local.get $s))
        (local.get $s)
        (local.get $backwards)))
      (local.set $b (i32.const 0))
      (loop $rows
        (local.set $from (i32.add (local.get $batchFirst) (i32.mul (local.get $bytes)
          (i32.add (i32.mul (local.get $b) (local.get $steps)) (local.get $t)))))
        (local.set $to (i32.add (local.get $stepMajor) (i32.mul (local.get $bytes)
          (i32.add (i32.mul (local.get $s) (local.get $batch)) (local.get $b)))))
        (if (local.get $toStepMajor)
          (then (memory.copy (local.get $to) (local.get $from) (local.get $bytes)))
          (else (memory.copy (local.get $from) (local.get $to) (local.get $bytes))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $b) (local.get $batch))))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br_if $stepsLoop (i32.lt_s (local.get $s) (local.get $steps)))))

  ;; exp, σ and tanh on n floats (n a multiple of 4), for tests: out[k] = f(x[k]), f = 0 (exp),
  ;; 1 (σ), 2 (tanh).
  (func $activate (export "activate") (param $which i32) (param $x i32) (param $out i32) (param $n i32)
    (local $v v128)
    (block $done
      (loop $each
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $v (v128.load (local.get $x)))
        (v128.store (local.get $out)
          (if (result v128) (i32.eqz (local.get $which))
            (then (call $exp (local.get $v)))
            (else (if (result v128) (i32.eq (local.get $which) (i32.const 1))
              (then (call $sigmoid (local.get $v)))
              (else (call $tanh (local.get $v)))))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 4)))
        (br $each)))))
