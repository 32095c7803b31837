package org.openhall.kiosk.tickets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openhall.kiosk.config.Category;
import org.openhall.kiosk.storage.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The categories set by command, kept beside the database too: a corrupt file whose schema pages are damaged
 * cannot give them back, and the contract says they stay. One line a category, code, name and English name
 * separated by tabs (names carry no control characters: the command refuses them).
 */
final class CategoriesCopy {
    private static final Logger log = LoggerFactory.getLogger(CategoriesCopy.class);
    private final Path file;

    CategoriesCopy(Path file) {
        this.file = file;
    }

    void write(List<Category> categories) {
        StringBuilder text = new StringBuilder();
        for (Category c : categories) {
            text.append(c.code()).append('\t').append(c.name()).append('\t').append(c.nameEn()).append('\n');
        }
        DurableFile.write(file, text.toString());
    }

    Optional<List<Category>> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<Category> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length != 3 || !Category.CODE.matcher(f[0]).matches()) {
                    log.warn("categories copy {} unreadable: ignored", file);
                    return Optional.empty();
                }
                out.add(new Category(f[0], f[1], f[2]));
            }
            return out.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(out));
        } catch (IOException e) {
            log.warn("categories copy {} unreadable ({}): ignored", file, e.toString());
            return Optional.empty();
        }
    }
}
