import fc from 'fast-check'

/**
 * Property tests run with a fixed seed so a CI run is reproducible; set FC_SEED to explore other
 * seeds (`FC_SEED=$RANDOM npm run test:unit`). A failure prints its seed and path either way.
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261121) })
