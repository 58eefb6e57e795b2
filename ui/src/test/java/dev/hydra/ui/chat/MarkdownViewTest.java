package dev.hydra.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Markdown to nodes, and the incremental rendering while text streams in. */
@ExtendWith(ApplicationExtension.class)
class MarkdownViewTest {

    private static final String REPLY = """
            # Tonight

            The queue is **empty** after 22:00, so the *4090* is free. Run `hydra queue list` to check.

            - ComfyUI renders
            - research at 02:00

            ```
            hydra queue list
            hydra status --json
            ```

            > quoted advice

            Done.""";

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void rendersBlocksAndInlineStyles(FxRobot robot) {
        MarkdownView rendered = render(robot, REPLY);

        assertThat(rendered.getChildren()).hasSize(6);
        List<String> texts = texts(rendered);
        assertThat(texts).contains("Tonight", "empty", "4090", "hydra queue list", "ComfyUI renders", "Done.");
        Text strong = styled(rendered, "empty");
        assertThat(strong.getStyleClass()).contains("hl-md-strong");
        assertThat(styled(rendered, "4090").getStyleClass()).contains("hl-md-em");
        assertThat(styled(rendered, "hydra queue list").getStyleClass()).contains("hl-md-code");
        assertThat(labels(rendered)).contains("hydra queue list\nhydra status --json", "•");
    }

    @Test
    void streamingInSmallPiecesEndsExactlyAsRenderingAtOnce(FxRobot robot) {
        MarkdownView whole = render(robot, REPLY);
        MarkdownView streamed = onFx(() -> {
            MarkdownView markdown = new MarkdownView();
            for (int end = 1; end <= REPLY.length(); end += 3) {
                markdown.setMarkdown(REPLY.substring(0, end));
            }
            markdown.setMarkdown(REPLY);
            return markdown;
        });

        assertThat(streamed.getChildren()).hasSameSizeAs(whole.getChildren());
        assertThat(texts(streamed)).isEqualTo(texts(whole));
        assertThat(labels(streamed)).isEqualTo(labels(whole));
    }

    @Test
    void finishedBlocksAreNotRebuiltWhileTextGrows(FxRobot robot) {
        MarkdownView view = render(robot, "First paragraph.\n\nSecond, still");
        Node first = view.getChildren().getFirst();

        robot.interact(() -> view.setMarkdown("First paragraph.\n\nSecond, still growing"));

        assertThat(view.getChildren().getFirst()).as("the finished paragraph is the same node").isSameAs(first);
        assertThat(texts(view)).containsExactly("First paragraph.", "Second, still growing");
    }

    @Test
    void editedTextIsRenderedAfresh(FxRobot robot) {
        MarkdownView view = render(robot, "One.\n\nTwo.");

        robot.interact(() -> view.setMarkdown("Uno.\n\nTwo."));

        assertThat(texts(view)).containsExactly("Uno.", "Two.");
    }

    private static MarkdownView render(FxRobot robot, String markdown) {
        return onFx(() -> {
            MarkdownView view = new MarkdownView();
            view.setMarkdown(markdown);
            return view;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(action).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Text styled(Parent root, String text) {
        return all(root).stream().filter(n -> n instanceof Text t && t.getText().equals(text)).map(Text.class::cast)
                .findFirst().orElseThrow();
    }

    private static List<String> texts(Parent root) {
        return all(root).stream().filter(Text.class::isInstance).map(n -> ((Text) n).getText())
                .filter(t -> !t.isBlank()).toList();
    }

    private static List<String> labels(Parent root) {
        return all(root).stream().filter(Label.class::isInstance).map(n -> ((Label) n).getText()).toList();
    }

    private static List<Node> all(Parent root) {
        List<Node> nodes = new ArrayList<>();
        for (Node child : root.getChildrenUnmodifiable()) {
            nodes.add(child);
            if (child instanceof Parent parent && !(child instanceof Label)) {
                nodes.addAll(all(parent));
            }
        }
        return nodes;
    }
}
