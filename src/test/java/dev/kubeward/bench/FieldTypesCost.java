package dev.kubeward.bench;

import dev.kubeward.model.FieldTypes;
import dev.kubeward.model.Inventory;
import dev.kubeward.model.Resource;
import dev.kubeward.source.LoadResult;
import dev.kubeward.source.ManifestLoader;
import java.util.List;

/**
 * What the API-type check of pod-bearing objects ({@code workload-invalid}, {@code pss}) costs on
 * a corpus: FieldTypes.ofWorkload over every object, one thread, ROUNDS times (the first cold).
 * Usage: FieldTypesCost DIR [ROUNDS]
 */
public final class FieldTypesCost {
    public static void main(String[] args) {
        LoadResult loaded = new ManifestLoader().load(List.of(args[0]));
        Inventory inventory = new Inventory(loaded.resources());
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        StringBuilder out = new StringBuilder();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            int errors = 0;
            for (Resource r : inventory.all()) {
                errors += FieldTypes.ofWorkload(r, inventory).size();
            }
            out.append(round == 0 ? "" : ", ").append((System.nanoTime() - start) / 1_000_000).append(" ms");
            if (round == rounds - 1) {
                out.append(" (").append(inventory.all().size()).append(" objects, ").append(errors).append(" errors)");
            }
        }
        System.out.println("FieldTypes.ofWorkload per round: " + out);
    }
}
