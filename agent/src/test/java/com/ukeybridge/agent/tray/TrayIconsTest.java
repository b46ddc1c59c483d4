package com.ukeybridge.agent.tray;

import com.ukeybridge.agent.desktop.TrayState;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Drawn off-screen, so it runs headless; also saves a sheet of every icon for people to look at. */
class TrayIconsTest {
    private static final int[] SIZES = {16, 20, 24, 32, 64};

    @Test
    void whenEachStateIsDrawn_thenEachIconDiffers() {
        Set<String> pictures = new HashSet<>();
        for (TrayState state : TrayState.values()) {
            BufferedImage icon = TrayIcons.draw(state, 16);
            pictures.add(Arrays.toString(icon.getRGB(0, 0, 16, 16, null, 0, 16)));
        }
        assertThat(pictures).hasSize(TrayState.values().length);
    }

    @Test
    void whenDrawnAtTrayIconSize_thenTheIconFillsItAndLeavesTheCornersClearOrDrawn() {
        for (int size : SIZES) {
            BufferedImage icon = TrayIcons.draw(TrayState.ALL_VALID, size);
            assertThat(icon.getWidth()).isEqualTo(size);
            assertThat(new Color(icon.getRGB(size / 2, size / 5), true).getAlpha()).isEqualTo(255);
            assertThat(new Color(icon.getRGB(0, 0), true).getAlpha()).isLessThan(128);
        }
    }

    @Test
    void whenTheSheetIsSaved_thenItShowsEveryStateAtEverySize() throws IOException {
        int cell = 72;
        BufferedImage sheet = new BufferedImage(cell * SIZES.length, cell * TrayState.values().length * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight() / 2);
        g.setColor(new Color(0x2b, 0x2b, 0x2b));
        g.fillRect(0, sheet.getHeight() / 2, sheet.getWidth(), sheet.getHeight() / 2);
        int half = cell * TrayState.values().length;
        for (int row = 0; row < TrayState.values().length; row++) {
            for (int column = 0; column < SIZES.length; column++) {
                BufferedImage icon = TrayIcons.draw(TrayState.values()[row], SIZES[column]);
                int x = column * cell + (cell - SIZES[column]) / 2;
                int y = row * cell + (cell - SIZES[column]) / 2;
                g.drawImage(icon, x, y, null);
                g.drawImage(icon, x, y + half, null);
            }
        }
        g.dispose();
        Path file = Path.of("target", "screenshots", "tray-icons.png");
        Files.createDirectories(file.getParent());
        ImageIO.write(sheet, "png", file.toFile());

        assertThat(file).isNotEmptyFile();
    }
}
