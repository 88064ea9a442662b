;; float32 GEMM with WebAssembly SIMD (128-bit), GotoBLAS layout:
;;   C[m,n] (= or +=) op(A)[m,k] · op(B)[k,n], row-major, op(X) = Xᵀ when the trans flag is set
;;   (A stored [k,m], B stored [n,k]).
;; Loops: columns of C in NC blocks → depth in KC blocks (pack a KC×NC block of op(B) into NR-wide
;; panels) → rows in MC blocks (pack an MC×KC block of op(A) into MR-high panels) → an MR×NR
;; micro-tile per (panel of A, panel of B). Panels are zero-padded to full width, so the micro-kernel
;; never branches; partial tiles go through a scratch tile and are copied out element by element.
;; The micro-kernel keeps the 4×8 tile in eight f32x4 accumulators and does c += a·b as a separate
;; mul and add (no FMA: relaxed SIMD is not everywhere), so every product is rounded once, as in
;; plain float32 code.
;;
;; Memory is owned by this module and grown by the caller (src/wasm/cpu-wasm.ts, gemm-wasm.ts), who
;; copies A, B (and C when accumulating) in and C out; every pointer below is a byte address. The
;; build also assembles a variant on an imported shared memory (scripts/wasm-variants.mjs), which
;; worker threads instantiate to compute blocks of one product (src/wasm/gemm-threads.ts).
;; Assemble with `pnpm --filter @rnnkit/backend-cpu build:wasm` (scripts/build-wasm.mjs),
;; which rewrites gemm-wasm-bytes.ts.
(module
  (memory (export "memory") 1)

  ;; Tile and block sizes, read by the caller to lay out the packing buffers.
  (global (export "MR") i32 (i32.const 4))    ;; rows of the micro-tile
  (global (export "NR") i32 (i32.const 8))    ;; columns of the micro-tile (two f32x4)
  (global (export "MC") i32 (i32.const 128))  ;; packed A block: MC×KC floats = 128 KiB (L2)
  (global (export "KC") i32 (i32.const 256))  ;; a KC×NR panel of B = 8 KiB (L1)
  (global (export "NC") i32 (i32.const 1024)) ;; packed B block: KC×NC floats = 1 MiB

  ;; C[4×8] at $c (row stride $ldc bytes) (= when $overwrite, else +=)
  ;;   Σ_p Ap[p, 0..3]ᵀ · Bp[p, 0..7]
  ;; $pa: kc groups of 4 floats (one column of the A panel), $pb: kc groups of 8 floats (one row of
  ;; the B panel); $kc ≥ 1.
  (func $kernel
    (param $kc i32) (param $pa i32) (param $pb i32) (param $c i32) (param $ldc i32)
    (param $overwrite i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $a v128) (local $row i32)
    (loop $depth
      (local.set $b0 (v128.load (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      ;; row 0: c0· += splat(A[0,p]) · B[p, 0..7]
      (local.set $a (v128.load32_splat (local.get $pa)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
      ;; row 1
      (local.set $a (v128.load32_splat offset=4 (local.get $pa)))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
      ;; row 2
      (local.set $a (v128.load32_splat offset=8 (local.get $pa)))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
      ;; row 3
      (local.set $a (v128.load32_splat offset=12 (local.get $pa)))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
      (local.set $kc (i32.sub (local.get $kc) (i32.const 1)))
      (br_if $depth (local.get $kc)))
    (if (i32.eqz (local.get $overwrite))
      (then
        ;; accumulate: add what C holds
        (local.set $row (local.get $c))
        (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $row))))
        (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $row))))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c10 (f32x4.add (local.get $c10) (v128.load (local.get $row))))
        (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (local.get $row))))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c20 (f32x4.add (local.get $c20) (v128.load (local.get $row))))
        (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (local.get $row))))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c30 (f32x4.add (local.get $c30) (v128.load (local.get $row))))
        (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (local.get $row))))))
    (local.set $row (local.get $c))
    (v128.store (local.get $row) (local.get $c00))
    (v128.store offset=16 (local.get $row) (local.get $c01))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c10))
    (v128.store offset=16 (local.get $row) (local.get $c11))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c20))
    (v128.store offset=16 (local.get $row) (local.get $c21))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c30))
    (v128.store offset=16 (local.get $row) (local.get $c31)))

  ;; Copies $count floats from $src (stepping $srcStep bytes) to $dst (stepping $dstStep bytes).
  (func $copyStrided
    (param $src i32) (param $srcStep i32) (param $dst i32) (param $dstStep i32) (param $count i32)
    (loop $copy
      (f32.store (local.get $dst) (f32.load (local.get $src)))
      (local.set $src (i32.add (local.get $src) (local.get $srcStep)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstStep)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (br_if $copy (local.get $count))))

  ;; Writes $count zeros at $dst, stepping $dstStep bytes.
  (func $zeroStrided (param $dst i32) (param $dstStep i32) (param $count i32)
    (loop $zero
      (f32.store (local.get $dst) (f32.const 0))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstStep)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (br_if $zero (local.get $count))))

  ;; op(A)[i0 : i0+mc, p0 : p0+kc] → MR-high panels: pa[(ir·kc + p·MR + ii)] = op(A)[i0+ir+ii, p0+p],
  ;; rows past mc zero. op(A)[i, p] = A[i·lda + p], or A[p·lda + i] when $transA.
  (func $packA
    (param $a i32) (param $lda i32) (param $transA i32) (param $p0 i32) (param $kc i32)
    (param $i0 i32) (param $mc i32) (param $pa i32)
    (local $ir i32) (local $ii i32) (local $i i32) (local $dst i32) (local $src i32) (local $p i32)
    (loop $panels
      (local.set $ii (i32.const 0))
      (if (i32.and (local.get $transA) (i32.le_s (i32.add (local.get $ir) (i32.const 4)) (local.get $mc)))
        (then
          ;; a full panel of a transposed A: the 4 rows i0+ir … +3 of op(A) are 4 consecutive floats
          ;; of each stored row p, one vector copy per p
          (local.set $dst (i32.add (local.get $pa)
            (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2))))
          (local.set $src (i32.add (local.get $a)
            (i32.shl (i32.add (i32.mul (local.get $p0) (local.get $lda))
                              (i32.add (local.get $i0) (local.get $ir))) (i32.const 2))))
          (local.set $p (local.get $kc))
          (loop $copy
            (v128.store (local.get $dst) (v128.load (local.get $src)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $lda) (i32.const 2))))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br_if $copy (local.get $p)))
          ;; the row loop below has nothing left to do for this panel
          (local.set $ii (i32.const 4))))
      (if (i32.lt_s (local.get $ii) (i32.const 4)) (then
      (loop $rows
        ;; this row's kc values go to every MR-th float of the panel
        (local.set $dst (i32.add (local.get $pa)
          (i32.shl (i32.add (i32.mul (local.get $ir) (local.get $kc)) (local.get $ii)) (i32.const 2))))
        (local.set $i (i32.add (local.get $i0) (i32.add (local.get $ir) (local.get $ii))))
        (if (i32.lt_s (i32.add (local.get $ir) (local.get $ii)) (local.get $mc))
          (then
            (if (local.get $transA)
              (then
                (call $copyStrided
                  (i32.add (local.get $a)
                    (i32.shl (i32.add (i32.mul (local.get $p0) (local.get $lda)) (local.get $i)) (i32.const 2)))
                  (i32.shl (local.get $lda) (i32.const 2))
                  (local.get $dst) (i32.const 16) (local.get $kc)))
              (else
                (call $copyStrided
                  (i32.add (local.get $a)
                    (i32.shl (i32.add (i32.mul (local.get $i) (local.get $lda)) (local.get $p0)) (i32.const 2)))
                  (i32.const 4)
                  (local.get $dst) (i32.const 16) (local.get $kc)))))
          (else (call $zeroStrided (local.get $dst) (i32.const 16) (local.get $kc))))
        (local.set $ii (i32.add (local.get $ii) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $ii) (i32.const 4))))))
      (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
      (br_if $panels (i32.lt_s (local.get $ir) (local.get $mc)))))

  ;; op(B)[p0 : p0+kc, j0 : j0+nc] → NR-wide panels: pb[(jr·kc + p·NR + jj)] = op(B)[p0+p, j0+jr+jj],
  ;; columns past nc zero. op(B)[p, j] = B[p·ldb + j], or B[j·ldb + p] when $transB.
  (func $packB
    (param $b i32) (param $ldb i32) (param $transB i32) (param $p0 i32) (param $kc i32)
    (param $j0 i32) (param $nc i32) (param $pb i32)
    (local $jr i32) (local $jj i32) (local $j i32) (local $p i32) (local $dst i32) (local $src i32)
    (loop $panels
      (if (i32.and (i32.eqz (local.get $transB))
                   (i32.le_s (i32.add (local.get $jr) (i32.const 8)) (local.get $nc)))
        (then
          ;; a full panel of a row-major B: 8 consecutive floats per row, two vector copies
          (local.set $dst (i32.add (local.get $pb)
            (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2))))
          (local.set $src (i32.add (local.get $b)
            (i32.shl (i32.add (i32.mul (local.get $p0) (local.get $ldb))
                              (i32.add (local.get $j0) (local.get $jr))) (i32.const 2))))
          (local.set $p (local.get $kc))
          (loop $copy
            (v128.store (local.get $dst) (v128.load (local.get $src)))
            (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $ldb) (i32.const 2))))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br_if $copy (local.get $p))))
        (else
          (local.set $jj (i32.const 0))
          (loop $columns
            (local.set $dst (i32.add (local.get $pb)
              (i32.shl (i32.add (i32.mul (local.get $jr) (local.get $kc)) (local.get $jj)) (i32.const 2))))
            (local.set $j (i32.add (local.get $j0) (i32.add (local.get $jr) (local.get $jj))))
            (if (i32.lt_s (i32.add (local.get $jr) (local.get $jj)) (local.get $nc))
              (then
                (if (local.get $transB)
                  (then
                    (call $copyStrided
                      (i32.add (local.get $b)
                        (i32.shl (i32.add (i32.mul (local.get $j) (local.get $ldb)) (local.get $p0)) (i32.const 2)))
                      (i32.const 4)
                      (local.get $dst) (i32.const 32) (local.get $kc)))
                  (else
                    (call $copyStrided
                      (i32.add (local.get $b)
                        (i32.shl (i32.add (i32.mul (local.get $p0) (local.get $ldb)) (local.get $j)) (i32.const 2)))
                      (i32.shl (local.get $ldb) (i32.const 2))
                      (local.get $dst) (i32.const 32) (local.get $kc)))))
              (else (call $zeroStrided (local.get $dst) (i32.const 32) (local.get $kc))))
            (local.set $jj (i32.add (local.get $jj) (i32.const 1)))
            (br_if $columns (i32.lt_s (local.get $jj) (i32.const 8))))))
      (local.set $jr (i32.add (local.get $jr) (i32.const 8)))
      (br_if $panels (i32.lt_s (local.get $jr) (local.get $nc)))))

  ;; Few rows of op(A) (m < MR), no packing: C[m,n] (= or, when $accumulate, +=) A[m,k] · op(B)[k,n]
  ;; with A stored [m,k] (or m = 1). op(B) = Bᵀ (B stored [n,k]): each C[i,j] is a dot product of two
  ;; contiguous rows, four columns j at a time, vectorized over p. Otherwise C[i, j..j+7] accumulates
  ;; A[i,p] · B[p, j..j+7] in two f32x4 registers over all p; leftover columns one at a time.
  (func $gemmFewRows (export "gemmFewRows")
    (param $m i32) (param $k i32) (param $n i32) (param $transB i32)
    (param $a i32) (param $b i32) (param $c i32) (param $accumulate i32)
    (local $i i32) (local $j i32) (local $p i32) (local $aRow i32) (local $cRow i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32) (local $bColumn i32)
    (local $x v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $t0 f32) (local $t1 f32) (local $t2 f32) (local $t3 f32) (local $xs f32)
    (local $k4 i32) (local $rowBytes i32) (local $dst i32)
    ;; p < k4 runs in f32x4 steps, the rest one at a time
    (local.set $k4 (i32.and (local.get $k) (i32.const -4)))
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 2)))
    (loop $rows
      (local.set $aRow (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $cRow (i32.add (local.get $c) (i32.shl (i32.mul (local.get $i) (local.get $n)) (i32.const 2))))
      (local.set $j (i32.const 0))
      (if (local.get $transB)
        (then
          ;; four dot products A[i,:]·B[j..j+3,:] at a time
          (block $quadsDone
            (loop $quads
              (br_if $quadsDone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
              (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowBytes))))
              (local.set $b1 (i32.add (local.get $b0) (local.get $rowBytes)))
              (local.set $b2 (i32.add (local.get $b1) (local.get $rowBytes)))
              (local.set $b3 (i32.add (local.get $b2) (local.get $rowBytes)))
              (local.set $s0 (v128.const i32x4 0 0 0 0))
              (local.set $s1 (v128.const i32x4 0 0 0 0))
              (local.set $s2 (v128.const i32x4 0 0 0 0))
              (local.set $s3 (v128.const i32x4 0 0 0 0))
              (local.set $p (i32.const 0))
              (block $vectorDone
                (loop $vector
                  (br_if $vectorDone (i32.ge_s (local.get $p) (local.get $k4)))
                  (local.set $x (v128.load (i32.add (local.get $aRow) (i32.shl (local.get $p) (i32.const 2)))))
                  (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $x)
                    (v128.load (i32.add (local.get $b0) (i32.shl (local.get $p) (i32.const 2)))))))
                  (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $x)
                    (v128.load (i32.add (local.get $b1) (i32.shl (local.get $p) (i32.const 2)))))))
                  (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (local.get $x)
                    (v128.load (i32.add (local.get $b2) (i32.shl (local.get $p) (i32.const 2)))))))
                  (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul (local.get $x)
                    (v128.load (i32.add (local.get $b3) (i32.shl (local.get $p) (i32.const 2)))))))
                  (local.set $p (i32.add (local.get $p) (i32.const 4)))
                  (br $vector)))
              ;; horizontal sums, then the k mod 4 tail
              (local.set $t0 (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $s0)) (f32x4.extract_lane 1 (local.get $s0)))
                (f32.add (f32x4.extract_lane 2 (local.get $s0)) (f32x4.extract_lane 3 (local.get $s0)))))
              (local.set $t1 (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $s1)) (f32x4.extract_lane 1 (local.get $s1)))
                (f32.add (f32x4.extract_lane 2 (local.get $s1)) (f32x4.extract_lane 3 (local.get $s1)))))
              (local.set $t2 (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $s2)) (f32x4.extract_lane 1 (local.get $s2)))
                (f32.add (f32x4.extract_lane 2 (local.get $s2)) (f32x4.extract_lane 3 (local.get $s2)))))
              (local.set $t3 (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $s3)) (f32x4.extract_lane 1 (local.get $s3)))
                (f32.add (f32x4.extract_lane 2 (local.get $s3)) (f32x4.extract_lane 3 (local.get $s3)))))
              (block $tailDone
                (loop $tail
                  (br_if $tailDone (i32.ge_s (local.get $p) (local.get $k)))
                  (local.set $xs (f32.load (i32.add (local.get $aRow) (i32.shl (local.get $p) (i32.const 2)))))
                  (local.set $t0 (f32.add (local.get $t0) (f32.mul (local.get $xs)
                    (f32.load (i32.add (local.get $b0) (i32.shl (local.get $p) (i32.const 2)))))))
                  (local.set $t1 (f32.add (local.get $t1) (f32.mul (local.get $xs)
                    (f32.load (i32.add (local.get $b1) (i32.shl (local.get $p) (i32.const 2)))))))
                  (local.set $t2 (f32.add (local.get $t2) (f32.mul (local.get $xs)
                    (f32.load (i32.add (local.get $b2) (i32.shl (local.get $p) (i32.const 2)))))))
                  (local.set $t3 (f32.add (local.get $t3) (f32.mul (local.get $xs)
                    (f32.load (i32.add (local.get $b3) (i32.shl (local.get $p) (i32.const 2)))))))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $tail)))
              (local.set $dst (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2))))
              (if (local.get $accumulate)
                (then
                  (local.set $t0 (f32.add (local.get $t0) (f32.load (local.get $dst))))
                  (local.set $t1 (f32.add (local.get $t1) (f32.load offset=4 (local.get $dst))))
                  (local.set $t2 (f32.add (local.get $t2) (f32.load offset=8 (local.get $dst))))
                  (local.set $t3 (f32.add (local.get $t3) (f32.load offset=12 (local.get $dst))))))
              (f32.store (local.get $dst) (local.get $t0))
              (f32.store offset=4 (local.get $dst) (local.get $t1))
              (f32.store offset=8 (local.get $dst) (local.get $t2))
              (f32.store offset=12 (local.get $dst) (local.get $t3))
              (local.set $j (i32.add (local.get $j) (i32.const 4)))
              (br $quads)))
          ;; leftover columns: one dot product each
          (block $columnsDone
            (loop $columns
              (br_if $columnsDone (i32.ge_s (local.get $j) (local.get $n)))
              (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowBytes))))
              (local.set $t0 (f32.const 0))
              (local.set $p (i32.const 0))
              (block $dotDone
                (loop $dot
                  (br_if $dotDone (i32.ge_s (local.get $p) (local.get $k)))
                  (local.set $t0 (f32.add (local.get $t0) (f32.mul
                    (f32.load (i32.add (local.get $aRow) (i32.shl (local.get $p) (i32.const 2))))
                    (f32.load (i32.add (local.get $b0) (i32.shl (local.get $p) (i32.const 2)))))))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $dot)))
              (local.set $dst (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2))))
              (if (local.get $accumulate)
                (then (local.set $t0 (f32.add (local.get $t0) (f32.load (local.get $dst))))))
              (f32.store (local.get $dst) (local.get $t0))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $columns))))
        (else
          ;; eight columns at a time in two registers: s0|s1 += A[i,p] · B[p, j..j+7]
          (block $octetsDone
            (loop $octets
              (br_if $octetsDone (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
              (local.set $dst (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2))))
              (if (local.get $accumulate)
                (then
                  (local.set $s0 (v128.load (local.get $dst)))
                  (local.set $s1 (v128.load offset=16 (local.get $dst))))
                (else
                  (local.set $s0 (v128.const i32x4 0 0 0 0))
                  (local.set $s1 (v128.const i32x4 0 0 0 0))))
              (local.set $bColumn (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
              (local.set $p (i32.const 0))
              (block $depthDone
                (loop $depth
                  (br_if $depthDone (i32.ge_s (local.get $p) (local.get $k)))
                  (local.set $x (v128.load32_splat
                    (i32.add (local.get $aRow) (i32.shl (local.get $p) (i32.const 2)))))
                  (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $x) (v128.load (local.get $bColumn)))))
                  (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $bColumn)))))
                  (local.set $bColumn (i32.add (local.get $bColumn) (i32.shl (local.get $n) (i32.const 2))))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $depth)))
              (v128.store (local.get $dst) (local.get $s0))
              (v128.store offset=16 (local.get $dst) (local.get $s1))
              (local.set $j (i32.add (local.get $j) (i32.const 8)))
              (br $octets)))
          ;; leftover columns: C[i,j] = Σ_p A[i,p] · B[p,j]
          (block $columnsDone
            (loop $columns
              (br_if $columnsDone (i32.ge_s (local.get $j) (local.get $n)))
              (local.set $t0 (f32.const 0))
              (local.set $bColumn (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
              (local.set $p (i32.const 0))
              (block $dotDone
                (loop $dot
                  (br_if $dotDone (i32.ge_s (local.get $p) (local.get $k)))
                  (local.set $t0 (f32.add (local.get $t0) (f32.mul
                    (f32.load (i32.add (local.get $aRow) (i32.shl (local.get $p) (i32.const 2))))
                    (f32.load (local.get $bColumn)))))
                  (local.set $bColumn (i32.add (local.get $bColumn) (i32.shl (local.get $n) (i32.const 2))))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br $dot)))
              (local.set $dst (i32.add (local.get $cRow) (i32.shl (local.get $j) (i32.const 2))))
              (if (local.get $accumulate)
                (then (local.set $t0 (f32.add (local.get $t0) (f32.load (local.get $dst))))))
              (f32.store (local.get $dst) (local.get $t0))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $columns)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_s (local.get $i) (local.get $m)))))

  ;; min(block, total − start)
  (func $blockSize (param $block i32) (param $total i32) (param $start i32) (result i32)
    (local $left i32)
    (local.set $left (i32.sub (local.get $total) (local.get $start)))
    (select (local.get $block) (local.get $left) (i32.lt_s (local.get $block) (local.get $left))))

  ;; C[m,n] (= or, when $accumulate, +=) op(A)[m,k] · op(B)[k,n]; m, k, n ≥ 1.
  ;; Row strides in floats: $lda of A as stored (≥ k, or ≥ m when $transA), $ldb of B as stored
  ;; (≥ n, or ≥ k when $transB), $ldc of C (≥ n); a block of a larger product (one thread's rows
  ;; or columns of C) is the same call on offset pointers with the larger product's strides.
  ;; $pa: MC·KC floats, $pb: KC·NC floats, $tile: MR·NR floats of scratch.
  (func $gemm (export "gemm")
    (param $m i32) (param $k i32) (param $n i32) (param $transA i32) (param $transB i32)
    (param $a i32) (param $lda i32) (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32)
    (param $accumulate i32)
    (param $pa i32) (param $pb i32) (param $tile i32)
    (local $j0 i32) (local $nc i32) (local $p0 i32) (local $kc i32) (local $i0 i32) (local $mc i32)
    (local $jr i32) (local $nr i32) (local $ir i32) (local $mr i32) (local $overwrite i32)
    (local $cTile i32) (local $aPanel i32) (local $bPanel i32) (local $i i32) (local $j i32)
    (local $src i32) (local $dst i32)
    (loop $columnBlocks
      (local.set $nc (call $blockSize (i32.const 1024) (local.get $n) (local.get $j0)))
      (local.set $p0 (i32.const 0))
      (loop $depthBlocks
        (local.set $kc (call $blockSize (i32.const 256) (local.get $k) (local.get $p0)))
        ;; the first depth block overwrites C unless the caller accumulates
        (local.set $overwrite (i32.and (i32.eqz (local.get $p0)) (i32.eqz (local.get $accumulate))))
        (call $packB (local.get $b) (local.get $ldb)
          (local.get $transB) (local.get $p0) (local.get $kc) (local.get $j0) (local.get $nc)
          (local.get $pb))
        (local.set $i0 (i32.const 0))
        (loop $rowBlocks
          (local.set $mc (call $blockSize (i32.const 128) (local.get $m) (local.get $i0)))
          (call $packA (local.get $a) (local.get $lda)
            (local.get $transA) (local.get $p0) (local.get $kc) (local.get $i0) (local.get $mc)
            (local.get $pa))
          (local.set $jr (i32.const 0))
          (loop $bPanels
            (local.set $nr (call $blockSize (i32.const 8) (local.get $nc) (local.get $jr)))
            (local.set $bPanel (i32.add (local.get $pb)
              (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2))))
            (local.set $ir (i32.const 0))
            (loop $aPanels
              (local.set $mr (call $blockSize (i32.const 4) (local.get $mc) (local.get $ir)))
              (local.set $aPanel (i32.add (local.get $pa)
                (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2))))
              ;; &C[i0 + ir, j0 + jr]
              (local.set $cTile (i32.add (local.get $c)
                (i32.shl (i32.add (i32.mul (i32.add (local.get $i0) (local.get $ir)) (local.get $ldc))
                                  (i32.add (local.get $j0) (local.get $jr))) (i32.const 2))))
              (if (i32.and (i32.eq (local.get $mr) (i32.const 4)) (i32.eq (local.get $nr) (i32.const 8)))
                (then
                  (call $kernel (local.get $kc) (local.get $aPanel) (local.get $bPanel)
                    (local.get $cTile) (i32.shl (local.get $ldc) (i32.const 2)) (local.get $overwrite)))
                (else
                  ;; partial tile: compute the full 4×8 into scratch, copy the mr×nr corner
                  (call $kernel (local.get $kc) (local.get $aPanel) (local.get $bPanel)
                    (local.get $tile) (i32.const 32) (i32.const 1))
                  (local.set $i (i32.const 0))
                  (loop $tileRows
                    (local.set $j (i32.const 0))
                    (loop $tileColumns
                      (local.set $src (i32.add (local.get $tile)
                        (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 3)) (local.get $j)) (i32.const 2))))
                      (local.set $dst (i32.add (local.get $cTile)
                        (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j)) (i32.const 2))))
                      (f32.store (local.get $dst)
                        (select (f32.load (local.get $src))
                                (f32.add (f32.load (local.get $dst)) (f32.load (local.get $src)))
                                (local.get $overwrite)))
                      (local.set $j (i32.add (local.get $j) (i32.const 1)))
                      (br_if $tileColumns (i32.lt_s (local.get $j) (local.get $nr))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br_if $tileRows (i32.lt_s (local.get $i) (local.get $mr))))))
              (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
              (br_if $aPanels (i32.lt_s (local.get $ir) (local.get $mc))))
            (local.set $jr (i32.add (local.get $jr) (i32.const 8)))
            (br_if $bPanels (i32.lt_s (local.get $jr) (local.get $nc))))
          (local.set $i0 (i32.add (local.get $i0) (i32.const 128)))
          (br_if $rowBlocks (i32.lt_s (local.get $i0) (local.get $m))))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 256)))
        (br_if $depthBlocks (i32.lt_s (local.get $p0) (local.get $k))))
      (local.set $j0 (i32.add (local.get $j0) (i32.const 1024)))
      (br_if $columnBlocks (i32.lt_s (local.get $j0) (local.get $n))))))
