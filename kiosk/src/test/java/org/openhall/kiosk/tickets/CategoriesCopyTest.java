package org.openhall.kiosk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.config.Category;

class CategoriesCopyTest {
    @TempDir
    Path tmp;

    @Test
    void whatIsWrittenIsReadBackInOrder() {
        CategoriesCopy copy = new CategoriesCopy(tmp.resolve("categories.tsv"));
        List<Category> set = List.of(new Category("C", "户籍证明", "Household registration"),
                new Category("A", "综合受理", "综合受理"));
        copy.write(set);
        assertThat(copy.read()).contains(set);
        assertThat(tmp.resolve("categories.tsv.tmp")).doesNotExist();
    }

    @Test
    void noFileOrAGarbledOneGivesNothing() throws Exception {
        Path file = tmp.resolve("categories.tsv");
        CategoriesCopy copy = new CategoriesCopy(file);
        assertThat(copy.read()).isEmpty();
        Files.writeString(file, "A\tonly two fields\n");
        assertThat(copy.read()).isEmpty();
        Files.writeString(file, "a\tlower\tcase\n");
        assertThat(copy.read()).isEmpty();
    }
}
